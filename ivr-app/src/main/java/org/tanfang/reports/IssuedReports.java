package org.tanfang.reports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.security.AuditLog;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * Monthly reports as issued (table {@code monthly_report}, owned here). The first request for a
 * closed month's report of a district or the city issues it: generated once, stored, and from then
 * on every download returns the stored bytes, whatever is edited later.
 */
@Service
public class IssuedReports {
  /** The city roll-up's district column. */
  static final String CITY = "";

  private final JdbcTemplate jdbc;
  private final MonthlyReport report;
  private final RegistryProperties registry;
  private final Clock clock;

  IssuedReports(JdbcTemplate jdbc, MonthlyReport report, RegistryProperties registry, Clock clock) {
    this.jdbc = jdbc;
    this.report = report;
    this.registry = registry;
    this.clock = clock;
  }

  public record Issued(
      String month,
      String district,
      Instant issuedAt,
      String issuedBy,
      String sha256,
      byte[] content) {}

  /**
   * The issued report, issuing it now if it was not yet; 400 for an open month or a bad district.
   */
  @Transactional
  public Issued issue(YearMonth month, String district) {
    String key = check(month, district);
    Optional<Issued> issued = find(month, key);
    if (issued.isPresent()) {
      return issued.get();
    }
    byte[] content = report.generate(month, key.isEmpty() ? null : key);
    jdbc.update(
        "insert into monthly_report (month, district, issued_at, issued_by, sha256, content)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (month, district) do nothing",
        month.toString(),
        key,
        Timestamp.from(clock.instant()),
        AuditLog.currentUser(),
        sha256(content),
        content);
    return find(month, key).orElseThrow();
  }

  private Optional<Issued> find(YearMonth month, String district) {
    return jdbc
        .query(
            "select month, district, issued_at, issued_by, sha256, content from monthly_report"
                + " where month = ? and district = ?",
            (rs, n) ->
                new Issued(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBytes(6)),
            month.toString(),
            district)
        .stream()
        .findFirst();
  }

  private String check(YearMonth month, String district) {
    YearMonth current = YearMonth.from(LocalDate.ofInstant(clock.instant(), clock.getZone()));
    if (!month.isBefore(current)) {
      throw new InvalidInputException(
          "report", List.of(FieldProblem.of("month", "report.monthNotClosed", month)));
    }
    String key = district == null ? CITY : district.strip();
    if (!key.isEmpty() && !registry.districts().contains(key)) {
      throw new InvalidInputException(
          "report",
          List.of(
              FieldProblem.of(
                  "district", "district.unknown", key, String.join("、", registry.districts()))));
    }
    return key;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
