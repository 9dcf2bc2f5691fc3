package org.tanfang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestElders;
import tools.jackson.databind.ObjectMapper;

@TanfangTest
class ElderApiTest {
  static final RequestPostProcessor ADMIN = httpBasic("admin", "admin-test-password");
  static final RequestPostProcessor STAFF = httpBasic("api-staff", "staff-test-password");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired UserAccounts accounts;

  @BeforeEach
  void cleanRegistry() {
    Rows.clean(jdbc);
    if (!accounts.exists("api-staff")) {
      accounts.create("api-staff", "staff-test-password", Role.STAFF, "测试坐席");
    }
  }

  private String create(String name, String idNumber) throws Exception {
    return mvc.perform(
            post("/api/elders")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(TestElders.form(name, idNumber))))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", Matchers.startsWith("/api/elders/")))
        .andReturn()
        .getResponse()
        .getHeader("Location");
  }

  private static String id(int n) {
    return TestElders.idNumber(LocalDate.of(1944, 8, 8), n, n % 2 == 1);
  }

  @Test
  void shouldCreateAndReadAnElderWithDerivedFacts() throws Exception {
    String location = create("林亚妹", id(2));

    mvc.perform(get(location).with(ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("林亚妹"))
        .andExpect(jsonPath("$.sex").value("FEMALE"))
        .andExpect(jsonPath("$.birthDate").value("1944-08-08"))
        .andExpect(jsonPath("$.age").value(81))
        .andExpect(jsonPath("$.advancedAge").value(true))
        .andExpect(jsonPath("$.idNumber").value(id(2)))
        .andExpect(jsonPath("$.primaryPhone").value("13908980001"))
        .andExpect(jsonPath("$.visitMode").value("PHONE"))
        .andExpect(jsonPath("$.region.district").value("美兰区"))
        .andExpect(jsonPath("$.emergencyContacts[0].phone").value("13712345678"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'VIEW'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void shouldAnswerEveryInvalidFieldIn400WithChineseAndEnglish() throws Exception {
    String body =
        """
        {"name":"","idNumber":"110105194912310021","address":"x","district":"海口区","street":"s",
         "community":"c","primaryPhone":"12345","categories":["独居"]}
        """;
    mvc.perform(
            post("/api/elders").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[?(@.field == 'name')].rule").value("required"))
        .andExpect(jsonPath("$.errors[?(@.field == 'idNumber')].rule").value("idNumber.checkDigit"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'idNumber')].message.zh-CN")
                .value(Matchers.hasItem(Matchers.startsWith("身份证号：校验位不正确"))))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'idNumber')].message.en")
                .value(
                    Matchers.hasItem(
                        Matchers.startsWith("ID-card number: has a wrong check digit"))))
        .andExpect(jsonPath("$.errors[?(@.field == 'district')].rule").value("district.unknown"))
        .andExpect(jsonPath("$.errors[?(@.field == 'primaryPhone')].rule").value("phone.invalid"));
    assertThat(jdbc.queryForObject("select count(*) from elder", Integer.class)).isZero();
  }

  @Test
  void shouldRefuseASecondElderWithTheSameIdNumber() throws Exception {
    create("林亚妹", id(2));
    mvc.perform(
            post("/api/elders")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(TestElders.form("别人", id(2)))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].rule").value("idNumber.duplicate"));
  }

  @Test
  void shouldUpdateAndKeepStatus() throws Exception {
    String location = create("林亚妹", id(2));
    ElderForm changed = TestElders.form("林亚梅", id(2));
    mvc.perform(
            put(location)
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(changed)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("林亚梅"))
        .andExpect(jsonPath("$.status").value("ACTIVE"))
        .andExpect(jsonPath("$.version").value(1));
  }

  @Test
  void shouldPauseWithAReasonAndResume() throws Exception {
    String location = create("林亚妹", id(2));
    mvc.perform(
            post(location + "/pause")
                .with(STAFF)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
    mvc.perform(
            post(location + "/pause")
                .with(STAFF)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"住院\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("PAUSED"))
        .andExpect(jsonPath("$.statusReason").value("住院"))
        .andExpect(jsonPath("$.visitMode").value("NONE"));
    mvc.perform(post(location + "/resume").with(STAFF))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ACTIVE"));
  }

  @Test
  void shouldNotResumeADeceasedElder() throws Exception {
    String location = create("林亚妹", id(2));
    mvc.perform(
            post(location + "/deceased")
                .with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"病故\"}"))
        .andExpect(status().isOk());
    mvc.perform(post(location + "/resume").with(ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].rule").value("status.deceased"));
  }

  @Test
  void shouldSearchByRegionCategoryAndFragmentAPageAtATime() throws Exception {
    for (int i = 1; i <= 5; i++) {
      create("测试" + i, id(i));
    }
    mvc.perform(
            get("/api/elders")
                .param("district", "美兰区")
                .param("size", "2")
                .param("page", "1")
                .with(STAFF))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(5))
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].phoneMasked").value("139****0001"))
        .andExpect(
            jsonPath("$.items[0].idNumberMasked").value(Matchers.containsString("**********")));
    mvc.perform(get("/api/elders").param("district", "龙华区").with(STAFF))
        .andExpect(jsonPath("$.total").value(0));
    mvc.perform(get("/api/elders").param("category", "独居").with(STAFF))
        .andExpect(jsonPath("$.total").value(5));
    mvc.perform(get("/api/elders").param("category", "孤寡").with(STAFF))
        .andExpect(jsonPath("$.total").value(0));
    mvc.perform(get("/api/elders").param("q", "测试3").with(STAFF))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].name").value("测*3")); // staff hold no case: masked
    mvc.perform(get("/api/elders").param("q", "6612 3456").with(STAFF))
        .andExpect(jsonPath("$.total").value(5));
    mvc.perform(get("/api/elders").param("category", "孤单").with(STAFF))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("category"));
  }

  @Test
  void shouldMaskTheIdNumberForStaffAndRefuseThemRegistryChanges() throws Exception {
    String location = create("林亚妹", id(2));
    mvc.perform(get(location).with(STAFF))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.idNumber").value(IdCardNumber.mask(id(2))));
    mvc.perform(
            post("/api/elders")
                .with(STAFF)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(TestElders.form("x", id(3)))))
        .andExpect(status().isForbidden());
  }

  @Test
  void shouldRequireAuthentication() throws Exception {
    mvc.perform(get("/api/elders")).andExpect(status().isUnauthorized());
    mvc.perform(get("/api/elders").with(httpBasic("admin", "wrong")))
        .andExpect(status().isUnauthorized());
  }

  /** The error bodies themselves (unreadable JSON included): {@code web.ApiErrorsTest}, a slice. */
  @Test
  void shouldAnswer404ForAnUnknownElder() throws Exception {
    mvc.perform(get("/api/elders/999999").with(ADMIN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errors[0].message.en").value("Id: no such elder"));
  }
}
