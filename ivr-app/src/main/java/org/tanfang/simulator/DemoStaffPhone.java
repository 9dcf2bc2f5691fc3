package org.tanfang.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tanfang.security.UserAccounts;
import org.tanfang.system.ConditionalOnSimulator;

/**
 * Dev mode: the generated {@code staff} account gets the simulator's staff phone (once, when it has
 * none), so "call back" on the desk rings a phone the simulator answers, and distress transfers
 * show it as who answered. Runs after the first accounts are created.
 */
@Component
@ConditionalOnSimulator
@Order(10)
class DemoStaffPhone implements ApplicationRunner {
  static final String STAFF_ACCOUNT = "staff";
  private static final Logger log = LoggerFactory.getLogger(DemoStaffPhone.class);

  private final UserAccounts accounts;
  private final SimulatorProperties props;

  DemoStaffPhone(UserAccounts accounts, SimulatorProperties props) {
    this.accounts = accounts;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (accounts.exists(STAFF_ACCOUNT) && accounts.phone(STAFF_ACCOUNT).isEmpty()) {
      accounts.setPhone(STAFF_ACCOUNT, props.staffPhone());
      log.info(
          "dev mode: account '{}' rings the simulated staff phone {} for call-backs",
          STAFF_ACCOUNT,
          props.staffPhone());
    }
  }
}
