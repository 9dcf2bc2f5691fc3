package org.tanfang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.testsupport.TestClockConfig;

/**
 * Brute force against the login form and HTTP Basic: growing delays, a lock after N failures that
 * the right password does not open, the lock shown to admins and lifted by time or by an admin,
 * audit entries. The clock is moved, nothing sleeps. Each test signs in from its own address.
 */
@TanfangTest
class SignInProtectionTest {
  static final String RIGHT = "bf-right-password";

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired UserAccounts accounts;
  @Autowired SignInProperties props;
  @Autowired MutableClock clock;

  @BeforeEach
  void setUp() {
    clock.setLocal(TestClockConfig.START);
    Rows.clean(jdbc);
    for (String name : new String[] {"bf-ann", "bf-bob", "bf-cat"}) {
      if (!accounts.exists(name)) {
        accounts.create(name, RIGHT, Role.STAFF, name);
      }
    }
  }

  static RequestPostProcessor from(String address) {
    return r -> {
      r.setRemoteAddr(address);
      return r;
    };
  }

  private ResultActions form(String user, String password, String address) throws Exception {
    return mvc.perform(
        post("/login")
            .param("username", user)
            .param("password", password)
            .with(csrf())
            .with(from(address)));
  }

  private ResultActions basic(String user, String password, String address) throws Exception {
    return mvc.perform(get("/api/elders").with(httpBasic(user, password)).with(from(address)));
  }

  private int audited(String action, String user) {
    return jdbc.queryForObject(
        "select count(*) from audit_event where action = ? and subject_id = ?",
        Integer.class,
        action,
        user);
  }

  @Test
  void theFormLocksAfterNFailuresWithGrowingDelaysAndTheRightPasswordFailsUntilTheLockEnds()
      throws Exception {
    assertThat(props.maxFailures()).isEqualTo(5);
    for (int i = 1; i <= props.maxFailures(); i++) {
      form("bf-ann", "wrong-" + i, "10.14.0.1").andExpect(redirectedUrl("/login?error"));
      Duration delay = props.delayAfter(i);
      if (i < props.maxFailures()) {
        // during the delay even the right password is turned away, without being checked
        form("bf-ann", RIGHT, "10.14.0.1").andExpect(redirectedUrl("/login?wait"));
        clock.advance(delay);
      }
    }
    assertThat(props.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(props.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(props.delayAfter(10)).isEqualTo(Duration.ofSeconds(30));

    clock.advance(Duration.ofMinutes(1));
    form("bf-ann", RIGHT, "10.14.0.1").andExpect(redirectedUrl("/login?locked"));
    // another address does not help: the account itself is locked
    form("bf-ann", RIGHT, "10.14.0.9").andExpect(redirectedUrl("/login?locked"));
    basic("bf-ann", RIGHT, "10.14.0.9").andExpect(status().isUnauthorized());

    mvc.perform(get("/api/security/sign-in-locks").with(httpBasic("admin", "admin-test-password")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].kind").value("ACCOUNT"))
        .andExpect(jsonPath("$[0].name").value("bf-ann"))
        .andExpect(jsonPath("$[0].failures").value(5));
    mvc.perform(get("/api/security/sign-in-locks").with(httpBasic("bf-bob", RIGHT)))
        .andExpect(status().isForbidden());

    clock.advance(props.lockDuration());
    form("bf-ann", RIGHT, "10.14.0.1").andExpect(redirectedUrl("/"));
    assertThat(audited("SIGN_IN_FAILED", "bf-ann")).isEqualTo(5);
    assertThat(audited("SIGN_IN_LOCKED", "bf-ann")).isEqualTo(1);
    assertThat(audited("SIGN_IN", "bf-ann")).isEqualTo(1);
    // a success starts the count again
    form("bf-ann", "wrong", "10.14.0.1").andExpect(redirectedUrl("/login?error"));
    clock.advance(Duration.ofSeconds(1));
    form("bf-ann", RIGHT, "10.14.0.1").andExpect(redirectedUrl("/"));
  }

  @Test
  void httpBasicLocksTooAndAnAdminMayLiftTheLock() throws Exception {
    for (int i = 1; i <= props.maxFailures(); i++) {
      basic("bf-bob", "wrong-" + i, "10.14.0.2").andExpect(status().isUnauthorized());
      clock.advance(props.delayAfter(i));
    }
    basic("bf-bob", RIGHT, "10.14.0.2").andExpect(status().isUnauthorized());
    form("bf-bob", RIGHT, "10.14.0.2").andExpect(redirectedUrl("/login?locked"));

    mvc.perform(
            post("/api/security/sign-in-locks/unlock")
                .param("key", "user:bf-bob")
                .with(httpBasic("admin", "admin-test-password")))
        .andExpect(status().isNoContent());
    basic("bf-bob", RIGHT, "10.14.0.2").andExpect(status().isOk());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_event where action = 'UNLOCK'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void oneAddressTryingManyNamesIsLockedWhateverTheName() throws Exception {
    for (int i = 1; i <= props.addressMaxFailures(); i++) {
      // unknown names count like real ones: a lock tells nothing about who exists
      basic("guess" + i, "123456", "10.14.0.3").andExpect(status().isUnauthorized());
    }
    basic("bf-cat", RIGHT, "10.14.0.3").andExpect(status().isUnauthorized());
    basic("bf-cat", RIGHT, "10.14.0.4").andExpect(status().isOk());
    mvc.perform(get("/api/security/sign-in-locks").with(httpBasic("admin", "admin-test-password")))
        .andExpect(jsonPath("$[?(@.kind == 'ADDRESS')].name").value("10.14.0.3"));
  }
}
