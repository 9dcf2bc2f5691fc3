package org.tanfang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.TanfangApplication;

/**
 * Dev mode as a new user starts it: no configuration but a data folder. The embedded database keeps
 * its data across restarts and the demo population is seeded only once.
 */
class DevModeStartupTest {
  @TempDir Path dataDir;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(TanfangApplication.class)
        .run(
            "--spring.datasource.url=",
            "--tanfang.embedded-db.data-dir=" + dataDir,
            "--tanfang.embedded-db.port=0",
            "--server.port=0",
            // The simulator's FastAGI callback needs a port: a free one, not the 4573 default.
            "--tanfang.telephony.agi.port=0",
            // A new user has no Vosk model configured (the build's TANFANG_VOSK_MODEL_EN is not
            // theirs; it would be read twice here, in the background).
            "--tanfang.speech.models.cmn=",
            "--tanfang.speech.models.en=",
            "--tanfang.security.initial-admin-password=dev-admin-password");
  }

  @Test
  void shouldStartWithDemoDataHealthAndAccountsAndKeepThemAcrossRestarts() throws Exception {
    List<String> firstIds;
    try (ConfigurableApplicationContext app = start()) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select count(*) from elder", Integer.class)).isEqualTo(200);
      assertThat(jdbc.queryForList("select distinct district from elder order by 1", String.class))
          .containsExactly("琼山区", "秀英区", "美兰区", "龙华区");
      assertThat(jdbc.queryForObject("select count(distinct street) from elder", Integer.class))
          .isGreaterThan(8);
      assertThat(
              jdbc.queryForObject("select count(*) from elder where not self_care", Integer.class))
          .isPositive();
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from elder where dialect = 'hainan'", Integer.class))
          .isPositive();
      assertThat(jdbc.queryForObject("select count(*) from emergency_contact", Integer.class))
          .isGreaterThanOrEqualTo(200);
      assertThat(jdbc.queryForList("select username from app_user order by 1", String.class))
          .containsExactly("admin", "staff", "supervisor", "visitor");
      // The demo VISITOR account: a generated password to change, bound to a demo visitor with
      // several elders and open home-visit tasks.
      assertThat(
              jdbc.queryForMap(
                  "select role, must_change_password from app_user where username = 'visitor'"))
          .containsEntry("role", "VISITOR")
          .containsEntry("must_change_password", true);
      String visitorPhone =
          jdbc.queryForObject(
              "select visitor_phone from visitor_account where username = 'visitor'", String.class);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from elder where visitor_phone = ?",
                  Integer.class,
                  visitorPhone))
          .isGreaterThan(3);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from visit v join elder e on e.id = v.elder_id"
                      + " where e.visitor_phone = ? and v.kind = 'HOME' and v.status = 'PLANNED'",
                  Integer.class,
                  visitorPhone))
          .isPositive();
      firstIds = jdbc.queryForList("select id_number from elder order by id", String.class);

      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .contains("\"status\":\"UP\"")
          .contains("\"db\":{\"status\":\"UP\"}");

      String auth =
          Base64.getEncoder()
              .encodeToString("admin:dev-admin-password".getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> meilan =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:"
                              + port
                              + "/api/elders?district=%E7%BE%8E%E5%85%B0%E5%8C%BA"))
                  .header("Authorization", "Basic " + auth)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(meilan.statusCode()).isEqualTo(200);
      assertThat(meilan.body()).contains("美兰区").doesNotContain("龙华区");
    }

    try (ConfigurableApplicationContext again = start()) {
      JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForList("select id_number from elder order by id", String.class))
          .isEqualTo(firstIds);
      assertThat(jdbc.queryForObject("select count(*) from app_user", Integer.class)).isEqualTo(4);
    }
  }
}
