package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Accounts managed in the application: an admin creates a scoped user (generated password), who
 * must change it before anything else (Basic refuses it, the form sends them to /password), the
 * password policy, reset, role / scope / disable, and who may do it.
 */
@TanfangTest
class UserAdminTest {
  static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-test-password");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired UserAccounts accounts;
  @Autowired MutableClock clock;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    jdbc.update("delete from app_user where username like 'ua-%'");
  }

  private String create(String username, String district, String street) throws Exception {
    String body =
        mvc.perform(
                post("/api/users")
                    .with(ADMIN)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"username\":\""
                            + username
                            + "\",\"displayName\":\"测试\",\"role\":\"STAFF\",\"district\":\""
                            + district
                            + "\",\"street\":\""
                            + street
                            + "\",\"phone\":\"8001\"}"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.mustChange").value(true))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return json.readTree(body).get("password").asString();
  }

  private String change(String user, String current, String next) throws Exception {
    return mvc.perform(
            post("/password")
                .param("username", user)
                .param("current", current)
                .param("password", next)
                .param("confirm", next)
                .with(csrf()))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void aCreatedUserMustChangeTheGeneratedPasswordFollowingThePolicy() throws Exception {
    String first = create("ua-street", "美兰区", "海甸街道");
    assertThat(first).hasSize(16);
    var account = accounts.find("ua-street").orElseThrow();
    assertThat(account.scope()).isEqualTo(RegionScope.street("美兰区", "海甸街道"));
    assertThat(account.mustChangePassword()).isTrue();
    assertThat(account.phone()).isEqualTo("8001");

    // the right password, but generated: refused over Basic, the form asks for a new one
    mvc.perform(get("/api/elders").with(httpBasic("ua-street", first)))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/login").param("username", "ua-street").param("password", first).with(csrf()))
        .andExpect(redirectedUrl("/password?expired"));

    assertThat(change("ua-street", first, "short1")).contains("至少需要 10 个字符");
    assertThat(change("ua-street", first, "my-ua-street-pw")).contains("不能包含用户名");
    assertThat(change("ua-street", first, "1234567890")).contains("常见的泄露密码");
    assertThat(change("ua-street", "wrong-current", "A-good-new-pass")).contains("当前密码不正确");
    clock.advance(java.time.Duration.ofMinutes(1)); // past the delay of that wrong try
    mvc.perform(
            post("/password")
                .param("username", "ua-street")
                .param("current", first)
                .param("password", "A-good-new-pass")
                .param("confirm", "A-good-new-pass")
                .with(csrf()))
        .andExpect(redirectedUrl("/login?changed"));
    mvc.perform(get("/api/elders").with(httpBasic("ua-street", "A-good-new-pass")))
        .andExpect(status().isOk());
    assertThat(accounts.find("ua-street").orElseThrow().mustChangePassword()).isFalse();

    // a reset makes it temporary again
    String reset =
        json.readTree(
                mvc.perform(post("/api/users/ua-street/reset-password").with(ADMIN))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString())
            .get("password")
            .asString();
    mvc.perform(get("/api/elders").with(httpBasic("ua-street", reset)))
        .andExpect(status().isUnauthorized());
    assertThat(
            jdbc.queryForList(
                "select action from audit_event where subject_id = 'ua-street'"
                    + " and subject_type = 'app_user' order by id",
                String.class))
        .contains("CREATE", "PASSWORD_CHANGED", "RESET_PASSWORD");
  }

  @Test
  void anAdminChangesRoleScopeAndDisablesOthersMayNot() throws Exception {
    create("ua-edit", "美兰区", "海甸街道");
    accounts.setPassword("ua-edit", "Ua-edit-own-pass");
    mvc.perform(
            put("/api/users/ua-edit")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\":\"区督导\",\"role\":\"SUPERVISOR\",\"district\":\"龙华区\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role").value("SUPERVISOR"))
        .andExpect(jsonPath("$.scope.district").value("龙华区"))
        .andExpect(jsonPath("$.scope.street").doesNotExist());
    mvc.perform(
            put("/api/users/ua-edit")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\":\"区督导\",\"role\":\"BOSS\",\"street\":\"海甸街道\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[?(@.field == 'district')]").exists());
    mvc.perform(
            put("/api/users/ua-edit")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\":\"区督导\",\"role\":\"BOSS\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].rule").value("role.invalid"));
    // only admins manage users
    mvc.perform(get("/api/users").with(httpBasic("ua-edit", "Ua-edit-own-pass")))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/users/ua-edit")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"displayName\":\"区督导\",\"role\":\"SUPERVISOR\",\"district\":\"龙华区\","
                        + "\"enabled\":false}"))
        .andExpect(status().isOk());
    mvc.perform(get("/api/elders").with(httpBasic("ua-edit", "Ua-edit-own-pass")))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            put("/api/users/nobody-here")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\":\"x\",\"role\":\"STAFF\"}"))
        .andExpect(status().isNotFound());
    JsonNode taken =
        json.readTree(
            mvc.perform(
                    post("/api/users")
                        .with(ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                            "{\"username\":\"ua-edit\",\"displayName\":\"x\",\"role\":\"STAFF\"}"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(taken.get("errors").get(0).get("rule").asString()).isEqualTo("username.taken");
  }
}
