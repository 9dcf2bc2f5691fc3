package org.tanfang.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The accounts of staff, supervisors and administrators, stored in {@code app_user}. */
@Service
public class UserAccounts implements UserDetailsService {
  private final JdbcTemplate jdbc;
  private final PasswordEncoder encoder;
  private final Clock clock;

  UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    List<UserDetails> users =
        jdbc.query(
            "select username, password_hash, role, enabled, must_change_password from app_user"
                + " where username = ?",
            (rs, i) ->
                User.withUsername(rs.getString("username"))
                    .password(rs.getString("password_hash"))
                    .authorities(new SimpleGrantedAuthority("ROLE_" + rs.getString("role")))
                    .disabled(!rs.getBoolean("enabled"))
                    // a generated or reset password: refused (after checking it) until changed
                    .credentialsExpired(rs.getBoolean("must_change_password"))
                    .build(),
            username);
    if (users.isEmpty()) {
      throw new UsernameNotFoundException(username);
    }
    return users.get(0);
  }

  /** A city-wide account. */
  public void create(String username, String rawPassword, Role role, String displayName) {
    create(username, rawPassword, role, displayName, RegionScope.CITY);
  }

  /** An account working in {@code scope}. */
  public void create(
      String username, String rawPassword, Role role, String displayName, RegionScope scope) {
    jdbc.update(
        "insert into app_user (username, password_hash, role, display_name, enabled, created_at,"
            + " scope_district, scope_street, scope_community) values (?, ?, ?, ?, true, ?, ?, ?, ?)",
        username,
        encoder.encode(rawPassword),
        role.name(),
        displayName,
        Timestamp.from(clock.instant()),
        scope.district(),
        scope.street(),
        scope.community());
  }

  /** Sets the region the user works in; false when there is no such user. */
  public boolean setScope(String username, RegionScope scope) {
    return jdbc.update(
            "update app_user set scope_district = ?, scope_street = ?, scope_community = ?"
                + " where username = ?",
            scope.district(),
            scope.street(),
            scope.community(),
            username)
        == 1;
  }

  /** The user's own new password: no change is required any more. */
  public void setPassword(String username, String rawPassword) {
    jdbc.update(
        "update app_user set password_hash = ?, must_change_password = false,"
            + " password_changed_at = ? where username = ?",
        encoder.encode(rawPassword),
        Timestamp.from(clock.instant()),
        username);
  }

  /** A password someone else chose or generated: to be changed at the next sign-in. */
  public void setTemporaryPassword(String username, String rawPassword) {
    jdbc.update(
        "update app_user set password_hash = ?, must_change_password = true where username = ?",
        encoder.encode(rawPassword),
        username);
  }

  /** Whether {@code rawPassword} is this user's password. */
  public boolean matches(String username, String rawPassword) {
    List<String> hash =
        jdbc.queryForList(
            "select password_hash from app_user where username = ?", String.class, username);
    return !hash.isEmpty() && rawPassword != null && encoder.matches(rawPassword, hash.get(0));
  }

  /** One account as the users page shows it. */
  public record Account(
      String username,
      String displayName,
      Role role,
      RegionScope scope,
      String phone,
      boolean enabled,
      boolean mustChangePassword) {}

  public List<Account> list() {
    return jdbc.query(
        "select * from app_user order by username",
        (rs, i) ->
            new Account(
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                new RegionScope(
                    rs.getString("scope_district"),
                    rs.getString("scope_street"),
                    rs.getString("scope_community")),
                rs.getString("phone"),
                rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password")));
  }

  public java.util.Optional<Account> find(String username) {
    return list().stream().filter(a -> a.username().equals(username)).findFirst();
  }

  /** Role, name, scope, phone and whether enabled; false when there is no such user. */
  public boolean update(
      String username,
      String displayName,
      Role role,
      RegionScope scope,
      String phone,
      boolean enabled) {
    return jdbc.update(
            "update app_user set display_name = ?, role = ?, scope_district = ?, scope_street = ?,"
                + " scope_community = ?, phone = ?, enabled = ? where username = ?",
            displayName,
            role.name(),
            scope.district(),
            scope.street(),
            scope.community(),
            phone,
            enabled,
            username)
        == 1;
  }

  /** The user's phone for click-to-call ({@code app_user.phone}), if any. */
  public java.util.Optional<String> phone(String username) {
    return jdbc
        .queryForList("select phone from app_user where username = ?", String.class, username)
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /** Sets (or with null clears) the user's phone; false when there is no such user. */
  public boolean setPhone(String username, String phone) {
    return jdbc.update("update app_user set phone = ? where username = ?", phone, username) == 1;
  }

  /** Whether the account exists and may sign in (and so be handed a case). */
  public boolean enabled(String username) {
    return Boolean.TRUE.equals(
        jdbc.query(
            "select enabled from app_user where username = ?",
            rs -> rs.next() ? rs.getBoolean(1) : null,
            username));
  }

  /**
   * The enabled user whose phone a staff-queue member is: the member's name ({@code staff1}) or its
   * interface ({@code PJSIP/staff1}), as queues.conf and app_queue's events name it.
   */
  public java.util.Optional<String> usernameByPhone(String memberName, String memberInterface) {
    return jdbc
        .queryForList(
            "select username from app_user where enabled and phone is not null"
                + " and (phone = ? or 'PJSIP/' || phone = ?) order by username limit 1",
            String.class,
            memberName,
            memberInterface)
        .stream()
        .findFirst();
  }

  public boolean exists(String username) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from app_user where username = ?", Integer.class, username);
    return n != null && n > 0;
  }

  public long count() {
    Long n = jdbc.queryForObject("select count(*) from app_user", Long.class);
    return n == null ? 0 : n;
  }
}
