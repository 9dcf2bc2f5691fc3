package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.escalation.CallBack;
import org.tanfang.escalation.CaseSignals;
import org.tanfang.escalation.EscalationType;
import org.tanfang.escalation.Escalations;
import org.tanfang.escalation.NewEscalation;
import org.tanfang.registry.Elder;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.shared.Text;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;
import org.tanfang.testsupport.TestElders;

/** The desk pages rendered on the server: queue, filters, masking, actions and form errors. */
@TanfangTest
class DeskPageTest {
  static final RequestPostProcessor ANN = user("desk-ann").roles("STAFF");
  static final RequestPostProcessor BOB = user("desk-bob").roles("STAFF");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired ElderService elders;
  @Autowired Escalations escalations;
  @Autowired org.tanfang.escalation.CaseSignals signals;
  @Autowired MutableClock clock;
  @Autowired ObjectProvider<CallBack> callBack;

  Elder wang;
  long distress;
  long needs;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    for (String name : new String[] {"desk-ann", "desk-bob"}) {
      if (!accounts.exists(name)) {
        accounts.create(name, "desk-test-password", Role.STAFF, name);
      }
    }
    wang =
        elders.create(
            TestElders.form(
                "王建华", TestElders.idNumber(LocalDate.of(1941, 3, 3), 777, true), "13900007777"));
    distress =
        escalations.open(
            NewEscalation.of(
                wang.id(),
                EscalationType.DISTRESS,
                null,
                null,
                Text.of("case.note", "通话中按键 9 求助")));
    needs =
        escalations.open(
            new NewEscalation(
                wang.id(),
                EscalationType.NEEDS,
                null,
                null,
                Text.of("case.note", "老人提出需求：买药"),
                "MEDICINE",
                null));
  }

  @Test
  void givenOpenCases_whenTheDeskOpens_thenTheQueueShowsThemMaskedWithFiltersInTheUrl()
      throws Exception {
    mvc.perform(get("/desk").with(ANN))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("id=\"live-status\"")))
        .andExpect(content().string(Matchers.containsString("王*华")))
        .andExpect(content().string(Matchers.containsString("紧急求助")))
        .andExpect(content().string(Matchers.containsString("data-deadline=")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("王建华"))))
        .andExpect(content().string(Matchers.not(Matchers.containsString("13900007777"))));
    String fragment =
        mvc.perform(get("/desk/queue").param("type", "NEEDS").with(ANN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(fragment)
        .startsWith("<div id=\"queue\"")
        .contains("data-id=\"" + needs + "\"")
        .doesNotContain("data-id=\"" + distress + "\"");
    mvc.perform(get("/desk").param("type", "NEEDS").param("mine", "true").with(ANN))
        .andExpect(content().string(Matchers.containsString("没有符合条件的工单")))
        .andExpect(content().string(Matchers.containsString("value=\"NEEDS\" selected")));
    mvc.perform(get("/desk").param("lang", "en").with(ANN))
        .andExpect(content().string(Matchers.containsString("Escalation desk")))
        .andExpect(content().string(Matchers.containsString("Distress")));
  }

  @Test
  void givenTransferAndFamilyNews_whenTheQueueShows_thenItCarriesTheirBadges() throws Exception {
    signals.transferUnanswered(distress);
    signals.transferAnswered(needs, "PJSIP/staff-7");
    signals.familyStatus(
        needs, CaseSignals.FamilyStatus.CONFIRMED_SAFE, Text.of("case.note", "家属按1"));

    String page =
        mvc.perform(get("/desk").with(ANN)).andReturn().getResponse().getContentAsString();
    assertThat(page)
        .contains("badge-urgent")
        .contains("紧急回拨")
        .contains("已由 PJSIP/staff-7 接听")
        .contains("家属确认安全（按1）");
    // the unanswered transfer raised the distress case's priority (100 + 20)
    assertThat(page).contains(">120<");
  }

  @Test
  void givenACase_whenClaimedOnItsPage_thenTheProfileOpensToTheClaimerOnly() throws Exception {
    mvc.perform(get("/desk/" + distress).with(ANN))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("id=\"profile-masked\"")))
        .andExpect(content().string(Matchers.containsString("王*华")))
        .andExpect(content().string(Matchers.not(Matchers.containsString("13900007777"))))
        .andExpect(content().string(Matchers.not(Matchers.containsString(wang.address()))));

    mvc.perform(post("/desk/" + distress + "/claim").with(ANN).with(csrf()))
        .andExpect(redirectedUrl("/desk/" + distress))
        .andExpect(flash().attribute("notice", "已认领。"));
    mvc.perform(get("/desk/" + distress).with(ANN))
        .andExpect(content().string(Matchers.containsString("王建华")))
        .andExpect(content().string(Matchers.containsString("13900007777")))
        .andExpect(content().string(Matchers.containsString(wang.address())))
        .andExpect(content().string(Matchers.containsString("id=\"profile-audited\"")));
    mvc.perform(get("/desk/" + distress).with(BOB))
        .andExpect(content().string(Matchers.not(Matchers.containsString("13900007777"))));
    mvc.perform(post("/desk/" + distress + "/claim").with(BOB).with(csrf()))
        .andExpect(redirectedUrl("/desk/" + distress))
        .andExpect(flash().attribute("error", "已被 desk-ann 认领"));
    mvc.perform(post("/desk/" + distress + "/claim").with(ANN))
        .andExpect(status().isForbidden()); // no CSRF token
  }

  @Test
  void givenAnIncompleteResolution_whenSubmitted_thenErrorsShowInlineAndNothingTypedIsLost()
      throws Exception {
    mvc.perform(post("/desk/" + needs + "/claim").with(ANN).with(csrf()));

    mvc.perform(
            post("/desk/" + needs + "/resolve")
                .with(ANN)
                .with(csrf())
                .param("outcome", "REACHED_BY_PHONE")
                .param("area.HEALTH", "CONCERN")
                .param("note.LIVING", "米面充足")
                .param("notes", "已电话联系本人"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("id=\"resolve-errors\"")))
        .andExpect(content().string(Matchers.containsString("健康状况说明：发现问题时请写明情况")))
        .andExpect(content().string(Matchers.containsString("生活保障：必须填写")))
        .andExpect(content().string(Matchers.containsString("已电话联系本人</textarea>")))
        .andExpect(content().string(Matchers.containsString("value=\"米面充足\"")))
        .andExpect(
            content()
                .string(Matchers.matchesPattern("(?s).*value=\"REACHED_BY_PHONE\"[^>]*selected.*")))
        .andExpect(
            content()
                .string(Matchers.matchesPattern("(?s).*id=\"area-HEALTH-CONCERN\"[^>]*checked.*")));

    var six =
        post("/desk/" + needs + "/resolve")
            .with(ANN)
            .with(csrf())
            .param("outcome", "REACHED_BY_PHONE")
            .param("notes", "已电话联系本人");
    for (String area : ResolveForm.AREAS) {
      six.param("area." + area, "FINE");
    }
    mvc.perform(six)
        .andExpect(redirectedUrl("/desk"))
        .andExpect(flash().attribute("notice", "工单已办结。"));
    assertThat(
            jdbc.queryForObject("select state from escalation where id = ?", String.class, needs))
        .isEqualTo("RESOLVED");
  }

  @Test
  void givenANoteAndAHandOver_whenPosted_thenTheHistoryShowsThem() throws Exception {
    mvc.perform(post("/desk/" + needs + "/notes").with(ANN).with(csrf()).param("text", "老人说明天再联系"))
        .andExpect(flash().attribute("notice", "备注已添加。"));
    mvc.perform(post("/desk/" + needs + "/notes").with(ANN).with(csrf()).param("text", " "))
        .andExpect(flash().attribute("error", "文字：必须填写"));
    mvc.perform(
            post("/desk/" + needs + "/reassign")
                .with(ANN)
                .with(csrf())
                .param("to", "desk-bob")
                .param("reason", "熟悉该老人"))
        .andExpect(flash().attribute("notice", "已转派。"));
    mvc.perform(get("/desk/" + needs).with(ANN))
        .andExpect(content().string(Matchers.containsString("老人说明天再联系")))
        .andExpect(content().string(Matchers.containsString("→ desk-bob：熟悉该老人")))
        .andExpect(content().string(Matchers.containsString("指派给：desk-bob")));
  }

  @Test
  void givenNoClickToCallService_whenCallingBack_thenTheDeskSaysSo() throws Exception {
    if (callBack.getIfAvailable() != null) {
      return; // the telephony's CallBack is present: covered by its own tests
    }
    mvc.perform(post("/desk/" + distress + "/call-back").with(ANN).with(csrf()))
        .andExpect(redirectedUrl("/desk/" + distress))
        .andExpect(flash().attribute("error", Matchers.containsString("点击回拨暂不可用")));
  }
}
