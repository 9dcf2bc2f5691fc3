package org.tanfang.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two doors: the REST API with HTTP Basic (stateless, for scripts and integrations) and the web UI
 * with a login form and CSRF protection. Health and static assets are open; the Prometheus metrics
 * need an admin (HTTP Basic) or the scrape token ({@link MetricsToken}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {
  /**
   * The outcome log and its exports are supervision: every elder's visits across the city, with
   * names. Staff work from the escalations and the calls page instead, so they may not read or
   * export it.
   */
  private static final String[] OUTCOME_LOG_API = {"/api/outcomes", "/api/outcomes.*"};

  private static final String[] OUTCOME_LOG_PAGES = {"/outcomes", "/outcomes.*", "/outcomes/**"};

  /** The office roles; a VISITOR sees only the visitors' pages under /visit. */
  private static final String[] OFFICE = {"ADMIN", "SUPERVISOR", "STAFF"};

  private final RememberMeKey rememberMe;
  private final SecurityProperties props;
  private final UserAccounts accounts;

  SecurityConfig(RememberMeKey rememberMe, SecurityProperties props, UserAccounts accounts) {
    this.rememberMe = rememberMe;
    this.props = props;
    this.accounts = accounts;
  }

  /**
   * {@code /actuator/prometheus}: what an operator watches (no elder data, but call volumes, cases
   * and the database pool are not for everyone). Admins with HTTP Basic, or a Prometheus server
   * with the configured bearer token; everyone else 401, other roles 403.
   */
  @Bean
  @Order(0)
  SecurityFilterChain metrics(
      HttpSecurity http,
      HeaderProperties props,
      @org.springframework.beans.factory.annotation.Value("${tanfang.metrics.token:}") String token)
      throws Exception {
    http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole("ADMIN", MetricsToken.ROLE))
        .addFilterBefore(
            new MetricsToken(token),
            org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
        .httpBasic(Customizer.withDefaults())
        .headers(h -> headers(h, props))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, HeaderProperties props) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/api/security/**")
                    .hasRole("ADMIN")
                    .requestMatchers(HttpMethod.GET, "/api/users")
                    .hasRole("ADMIN")
                    .requestMatchers(HttpMethod.POST, "/api/users", "/api/users/*/reset-password")
                    .hasRole("ADMIN")
                    .requestMatchers(HttpMethod.PUT, "/api/users/*")
                    .hasRole("ADMIN")
                    .requestMatchers(OUTCOME_LOG_API)
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/api/audit", "/api/audit.*")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(HttpMethod.GET, "/api/elders/*/export")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/api/reports/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/api/escalations/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR", "STAFF")
                    .requestMatchers("/api/visitors/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(
                        HttpMethod.POST, "/api/prompts/*/approve", "/api/prompts/*/withdraw")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(HttpMethod.POST, "/api/storms/*/end")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .hasAnyRole(OFFICE)
                    .requestMatchers(HttpMethod.POST, "/api/special-rounds")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(HttpMethod.POST, "/api/elders/*/pause", "/api/elders/*/resume")
                    .hasAnyRole(OFFICE)
                    .requestMatchers("/api/elders/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .anyRequest()
                    .hasAnyRole(OFFICE))
        .httpBasic(Customizer.withDefaults())
        .headers(h -> headers(h, props))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain web(HttpSecurity http, SignedIn signedIn, HeaderProperties props)
      throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/actuator/health/**",
                        "/webjars/**",
                        "/css/**",
                        "/js/**",
                        "/favicon.ico",
                        "/login",
                        "/password",
                        "/error",
                        "/v3/api-docs/**",
                        "/swagger-ui/**",
                        "/swagger-ui.html")
                    .permitAll()
                    .requestMatchers("/users", "/users/**")
                    .hasRole("ADMIN")
                    .requestMatchers(HttpMethod.POST, "/special-rounds")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/elders/import/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    // recording prompts: office roles; approving: supervisors and admins (of the
                    // whole city, checked by PromptRecordings)
                    .requestMatchers(HttpMethod.POST, "/prompts/*/approve", "/prompts/*/withdraw")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(HttpMethod.POST, "/storms/*/end")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(OUTCOME_LOG_PAGES)
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/elders/*/ledger.xlsx")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/dashboard", "/dashboard/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(HttpMethod.POST, "/audit/retention")
                    .hasRole("ADMIN")
                    .requestMatchers("/audit", "/audit.*", "/audit/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/desk/**", "/desk")
                    .hasAnyRole("ADMIN", "SUPERVISOR", "STAFF")
                    .requestMatchers("/visit/**", "/visit")
                    .hasRole("VISITOR")
                    .requestMatchers("/")
                    .authenticated()
                    .anyRequest()
                    .hasAnyRole(OFFICE))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .successHandler(signedIn)
                    .failureHandler(SecurityConfig::signInFailed)
                    .permitAll())
        // "Keep me signed in" lasts a working day: visitors sign in once on their phone.
        .rememberMe(
            r ->
                r.key(rememberMe.key())
                    .tokenValiditySeconds((int) this.props.rememberMeValidity().toSeconds())
                    .userDetailsService(accounts))
        .headers(h -> headers(h, props))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("remember-me"));
    return http.build();
  }

  /**
   * Content-Security-Policy (the pages have no inline script, handler or style attribute; the
   * Swagger UI, which has inline styles, gets its own), Referrer-Policy, and Spring Security's
   * defaults (nosniff, frame DENY, no caching of authenticated pages, HSTS over HTTPS).
   */
  private static void headers(HeadersConfigurer<HttpSecurity> h, HeaderProperties props) {
    RequestMatcher swagger =
        new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
    ReferrerPolicy referrer = ReferrerPolicy.get(props.referrerPolicy());
    if (referrer == null) {
      throw new IllegalArgumentException(
          "tanfang.security.headers.referrer-policy: unknown policy " + props.referrerPolicy());
    }
    h.referrerPolicy(r -> r.policy(referrer))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                new NegatedRequestMatcher(swagger),
                new StaticHeadersWriter("Content-Security-Policy", props.contentSecurityPolicy())))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                swagger,
                new StaticHeadersWriter(
                    "Content-Security-Policy", props.swaggerContentSecurityPolicy())));
  }

  /** A locked account or address gets its own message; every other failure the same one. */
  private static void signInFailed(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof org.springframework.security.authentication.CredentialsExpiredException) {
      // the right, generated password: change it first (the page asks for it again)
      request
          .getSession()
          .setAttribute(PasswordChanges.EXPIRED_USER, request.getParameter("username"));
      response.sendRedirect(request.getContextPath() + "/password?expired");
      return;
    }
    String reason = e instanceof SignInBlockedException b && b.locked() ? "locked" : "error";
    if (e instanceof SignInBlockedException b && !b.locked()) {
      reason = "wait";
    }
    response.sendRedirect(request.getContextPath() + "/login?" + reason);
  }
}
