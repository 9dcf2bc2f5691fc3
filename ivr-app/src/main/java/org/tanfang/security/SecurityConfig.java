package org.tanfang.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors: the REST API with HTTP Basic (stateless, for scripts and integrations) and the web UI
 * with a login form and CSRF protection. Health and static assets are open.
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

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(OUTCOME_LOG_API)
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/api/reports/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/api/escalations/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR", "STAFF")
                    .requestMatchers("/api/visitors/**")
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
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain web(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/actuator/health/**",
                        "/webjars/**",
                        "/css/**",
                        "/js/**",
                        "/favicon.ico",
                        "/login",
                        "/error",
                        "/v3/api-docs/**",
                        "/swagger-ui/**",
                        "/swagger-ui.html")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/special-rounds")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/elders/import/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers(OUTCOME_LOG_PAGES)
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/elders/*/ledger.xlsx")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/dashboard", "/dashboard/**")
                    .hasAnyRole("ADMIN", "SUPERVISOR")
                    .requestMatchers("/desk/**", "/desk")
                    .hasAnyRole("ADMIN", "SUPERVISOR", "STAFF")
                    .requestMatchers("/visit/**", "/visit")
                    .hasRole("VISITOR")
                    .requestMatchers("/")
                    .authenticated()
                    .anyRequest()
                    .hasAnyRole(OFFICE))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        // "Keep me signed in" lasts a working day: visitors sign in once on their phone.
        .rememberMe(
            r ->
                r.key(rememberMe.key())
                    .tokenValiditySeconds((int) props.rememberMeValidity().toSeconds())
                    .userDetailsService(accounts))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("remember-me"));
    return http.build();
  }
}
