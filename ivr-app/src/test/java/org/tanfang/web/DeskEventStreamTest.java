package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tanfang.escalation.CaseAction;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The desk's server-sent event stream over a real socket, as a browser or benchmark reads it. */
@TanfangTest
class DeskEventStreamTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired org.tanfang.escalation.CaseSignals signals;
  @Autowired DeskEvents deskEvents;
  @Autowired ObjectMapper json;

  final List<String> lines = new CopyOnWriteArrayList<>();
  InputStream stream;

  @BeforeEach
  void setUp() {
    Rows.clean(jdbc);
    if (!accounts.exists("desk-ann")) {
      accounts.create("desk-ann", "desk-test-password", Role.STAFF, "desk-ann");
    }
  }

  @AfterEach
  void close() throws Exception {
    if (stream != null) {
      stream.close();
    }
  }

  private HttpResponse<InputStream> connect(String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/event-stream");
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":desk-test-password").getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private void readInBackground(InputStream in) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (Exception e) {
                lines.add("closed: " + e);
              }
            },
            "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Test
  void givenAnOpenStream_whenACaseIsOpened_thenTheEventCarriesIdTypeActionAndPublishTime()
      throws Exception {
    Elder elder =
        elders.create(
            TestElders.form(
                "赵德明", TestElders.idNumber(LocalDate.of(1940, 1, 2), 901, true), "13900009901"));
    int before = deskEvents.subscribers();
    HttpResponse<InputStream> response = connect("/api/escalations/events", "desk-ann");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    stream = response.body();
    readInBackground(stream);
    await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
    assertThat(deskEvents.subscribers()).isEqualTo(before + 1);

    Instant opened = Instant.now();
    long id =
        escalations.open(
            NewEscalation.of(
                elder.id(), EscalationType.DISTRESS, null, null, Text.of("case.note", "测试：按键求助")));

    String data =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    lines.stream()
                        .filter(l -> l.startsWith("data:") && l.contains("\"escalationId\":" + id))
                        .findFirst()
                        .orElse(null),
                l -> l != null);
    int at = lines.indexOf(data);
    assertThat(lines.subList(Math.max(0, at - 3), at)).contains("event:escalation");
    JsonNode event = json.readTree(data.substring("data:".length()));
    assertThat(event.get("type").asString()).isEqualTo("DISTRESS");
    assertThat(event.get("action").asString()).isEqualTo("OPENED");
    assertThat(event.get("state").asString()).isEqualTo("OPEN");
    assertThat(event.get("elderId").asLong()).isEqualTo(elder.id());
    Instant published = Instant.parse(event.get("publishedAt").asString());
    assertThat(published).isBetween(opened.minusSeconds(1), Instant.now());
    // No personal data on the stream.
    assertThat(String.join("\n", lines)).doesNotContain("赵德明").doesNotContain("13900009901");

    // The browser goes away: the next events find the dead stream and drop it.
    stream.close();
    stream = null;
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              signals.record(id, "system", CaseAction.NOTE, Text.of("case.note", "ping"));
              return deskEvents.subscribers() <= before;
            });
  }

  @Test
  void givenADistrictScopedUser_whenCasesOpenInTwoDistricts_thenOnlyTheirDistrictsEventArrives()
      throws Exception {
    if (!accounts.exists("desk-lh")) {
      accounts.create(
          "desk-lh",
          "desk-test-password",
          Role.STAFF,
          "desk-lh",
          org.tanfang.security.RegionScope.district("龙华区"));
    }
    Elder meilan =
        elders.create(
            TestElders.form(
                "钱美兰", TestElders.idNumber(LocalDate.of(1940, 1, 3), 903, true), "13900009903"));
    Elder longhua =
        elders.create(
            TestElders.livingIn(
                TestElders.form(
                    "孙龙华", TestElders.idNumber(LocalDate.of(1940, 1, 4), 904, true), "13900009904"),
                "龙华区",
                "中山街道",
                "滨海社区"));
    HttpResponse<InputStream> response = connect("/api/escalations/events", "desk-lh");
    stream = response.body();
    readInBackground(stream);
    await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));

    long outside =
        escalations.open(
            NewEscalation.of(
                meilan.id(), EscalationType.DISTRESS, null, null, Text.of("case.note", "美兰")));
    long inside =
        escalations.open(
            NewEscalation.of(
                longhua.id(), EscalationType.DISTRESS, null, null, Text.of("case.note", "龙华")));
    // events go out in order on one thread: once the inside one is there, the outside one
    // would have been before it
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.contains("\"escalationId\":" + inside)));
    assertThat(lines).noneMatch(l -> l.contains("\"escalationId\":" + outside));
  }

  @Test
  void givenNoCredentials_whenConnecting_thenRefused() throws Exception {
    assertThat(connect("/api/escalations/events", null).statusCode()).isEqualTo(401);
    HttpResponse<InputStream> page = connect("/desk/events", null);
    // The web stream wants the login session: a redirect to the login page.
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    page.body().close();
  }
}
