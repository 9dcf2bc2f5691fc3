package org.tanfang.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {
  @GetMapping("/login")
  String login() {
    return "login";
  }

  /** Visitors start at their own tasks, supervisors and administrators at the dashboard, staff at the registry. */
  @GetMapping("/")
  String home(Authentication user) {
    if (has(user, "ROLE_VISITOR")) {
      return "redirect:/visit";
    }
    return has(user, "ROLE_SUPERVISOR") || has(user, "ROLE_ADMIN")
        ? "redirect:/dashboard"
        : "redirect:/elders";
  }

  private static boolean has(Authentication user, String authority) {
    return user != null
        && user.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
  }
}
