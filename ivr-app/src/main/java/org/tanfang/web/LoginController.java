package org.tanfang.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {
  @GetMapping("/login")
  String login() {
    return "login";
  }

  /** Office roles start at the registry, visitors at their own tasks. */
  @GetMapping("/")
  String home(org.springframework.security.core.Authentication auth) {
    boolean visitor =
        auth != null
            && auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_VISITOR".equals(a.getAuthority()));
    return visitor ? "redirect:/visit" : "redirect:/elders";
  }
}
