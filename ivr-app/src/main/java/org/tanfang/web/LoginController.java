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

  /** Supervisors and administrators land on the dashboard, staff on the registry. */
  @GetMapping("/")
  String home(Authentication user) {
    boolean supervises =
        user != null
            && user.getAuthorities().stream()
                .anyMatch(
                    a ->
                        a.getAuthority().equals("ROLE_SUPERVISOR")
                            || a.getAuthority().equals("ROLE_ADMIN"));
    return supervises ? "redirect:/dashboard" : "redirect:/elders";
  }
}
