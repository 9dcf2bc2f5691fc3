package org.tanfang.security;

import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On the first start (no accounts yet) creates one account per role with a random password and
 * prints the passwords once to the log. There is never a fixed default password; {@code
 * TANFANG_ADMIN_PASSWORD} may set the admin's instead (for automated set-ups).
 */
@Component
@Order(0)
public class InitialAccounts implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(InitialAccounts.class);
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom random = new SecureRandom();

  private final UserAccounts accounts;
  private final String adminPassword;

  InitialAccounts(
      UserAccounts accounts,
      @Value("${tanfang.security.initial-admin-password:}") String adminPassword) {
    this.accounts = accounts;
    this.adminPassword = adminPassword;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (accounts.count() > 0) {
      return;
    }
    String admin = StringUtils.hasText(adminPassword) ? adminPassword : randomPassword();
    String supervisor = randomPassword();
    String staff = randomPassword();
    accounts.create("admin", admin, Role.ADMIN, "系统管理员");
    accounts.create("supervisor", supervisor, Role.SUPERVISOR, "督导员");
    accounts.create("staff", staff, Role.STAFF, "坐席员");
    // generated passwords are to be changed at the first sign-in
    if (!StringUtils.hasText(adminPassword)) {
      accounts.setTemporaryPassword("admin", admin);
    }
    accounts.setTemporaryPassword("supervisor", supervisor);
    accounts.setTemporaryPassword("staff", staff);
    log.warn(
        """

        ================================================================
         Tanfang created its first accounts. These passwords are shown
         only this once; each must be changed at the first sign-in.
           admin      / {}
           supervisor / {}
           staff      / {}
        ================================================================""",
        StringUtils.hasText(adminPassword) ? "(from TANFANG_ADMIN_PASSWORD)" : admin,
        supervisor,
        staff);
  }

  /** 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
  public static String randomPassword() {
    StringBuilder s = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
