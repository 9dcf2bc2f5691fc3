package org.tanfang.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The one authentication provider of the application (form login and HTTP Basic both use it): asks
 * {@link SignInGuard} first, then checks the password against {@code app_user}, and reports the
 * result back to the guard.
 */
@Component
class GuardedAuthenticationProvider implements AuthenticationProvider {
  private final DaoAuthenticationProvider passwords;
  private final SignInGuard guard;

  GuardedAuthenticationProvider(UserAccounts accounts, PasswordEncoder encoder, SignInGuard guard) {
    this.passwords = new DaoAuthenticationProvider(accounts);
    this.passwords.setPasswordEncoder(encoder);
    this.guard = guard;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    String address = address(authentication);
    guard.check(username, address);
    try {
      Authentication result = passwords.authenticate(authentication);
      guard.succeeded(username);
      return result;
    } catch (CredentialsExpiredException e) {
      // the right password, but a generated one: not a failure; the form sends them to change it
      guard.succeeded(username);
      throw e;
    } catch (AuthenticationException e) {
      // wrong password, unknown name or disabled account alike
      guard.failed(username, address);
      throw e;
    }
  }

  static String address(Authentication authentication) {
    return authentication.getDetails() instanceof WebAuthenticationDetails d
        ? d.getRemoteAddress()
        : null;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
