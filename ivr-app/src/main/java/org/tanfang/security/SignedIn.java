package org.tanfang.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/** After a successful form sign-in: an audit entry, then on to the page asked for (or home). */
@Component
class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {
  private final AuditLog audit;

  SignedIn(AuditLog audit) {
    this.audit = audit;
    setDefaultTargetUrl("/");
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication auth)
      throws ServletException, IOException {
    audit.record(
        auth.getName(),
        "SIGN_IN",
        "app_user",
        auth.getName(),
        "address " + GuardedAuthenticationProvider.address(auth),
        null);
    super.onAuthenticationSuccess(request, response, auth);
  }
}
