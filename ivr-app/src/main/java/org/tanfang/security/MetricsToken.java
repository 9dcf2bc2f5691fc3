package org.tanfang.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Prometheus server scrapes {@code /actuator/prometheus} with {@code Authorization: Bearer
 * <tanfang.metrics.token>} (README "Metrics and logs"); it then has the role METRICS, which reads
 * the metrics and nothing else. Without a configured token only an admin's HTTP Basic sign-in reads
 * them. A wrong token is simply not signed in (401).
 */
final class MetricsToken extends OncePerRequestFilter {
  static final String ROLE = "METRICS";
  static final int MIN_LENGTH = 32;

  private final byte[] token;

  MetricsToken(String token) {
    String t = token == null ? "" : token.trim();
    if (!t.isEmpty() && t.length() < MIN_LENGTH) {
      throw new IllegalStateException(
          "tanfang.metrics.token (TANFANG_METRICS_TOKEN) must be at least "
              + MIN_LENGTH
              + " characters, e.g. from `openssl rand -hex 24`");
    }
    this.token = t.isEmpty() ? null : t.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (token != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(token, given)) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "metrics-scraper", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }
}
