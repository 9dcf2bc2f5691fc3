package org.tanfang.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tanfang.scheduler.elder.Category;

/**
 * The monthly report of a district, or of the city (district null), as a civil-affairs report takes
 * it (README "Monthly report"): sheets summary by street (by district for the city), elders in
 * scope by category, visits by kind, coverage rate, cases and response times, the four checks. In
 * Chinese, from the same figures as the dashboard; the same data gives the same bytes.
 */
@Service
public class MonthlyReport {
  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
  private static final List<String> PURPOSES =
      List.of("ROUTINE", "WEATHER_ALERT", "FESTIVAL", "CALLBACK");

  private final Dashboard dashboard;
  private final JdbcTemplate jdbc;
  private final MessageSource messages;
  private final Clock clock;

  MonthlyReport(Dashboard dashboard, JdbcTemplate jdbc, MessageSource messages, Clock clock) {
    this.dashboard = dashboard;
    this.jdbc = jdbc;
    this.messages = messages;
    this.clock = clock;
  }

  /** The summary sheet's columns after the part's name, as figure keys (a rate is computed). */
  static final List<String> SUMMARY =
      List.of(
          "elders.inScope",
          "elders.covered",
          "rate",
          "half1.inScope",
          "half1.covered",
          "half2.inScope",
          "half2.covered",
          "visits.PHONE",
          "visits.HOME",
          "cases.DISTRESS",
          "cases.overdue",
          "check.registry",
          "check.hazards",
          "check.late",
          "check.formality");

  public byte[] generate(YearMonth month, String district) {
    Area area = Area.of(district, null, null, null);
    MonthFigures total = dashboard.month(month, area);
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Styles styles = new Styles(book);
      summary(book, styles, month, area, total);
      categories(book, styles, total);
      kinds(book, styles, total);
      coverage(book, styles, total);
      cases(book, styles, total);
      checks(book, styles, total);
      Date fixed =
          Date.from(month.plusMonths(1).atDay(1).atStartOfDay(clock.getZone()).toInstant());
      var core = book.getProperties().getCoreProperties();
      core.setCreated(Optional.of(fixed));
      core.setModified(Optional.of(fixed));
      core.setCreator("Tanfang");
      core.setTitle(title(month, area));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      return StableZip.normalize(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String title(YearMonth month, Area area) {
    String where = area.district() == null ? msg("coverage.city") : area.district();
    return msg("report.title", where, month.toString());
  }

  private void summary(XSSFWorkbook book, Styles s, YearMonth month, Area area, MonthFigures t) {
    Sheet sheet = book.createSheet(msg("report.sheet.summary"));
    s.text(sheet.createRow(0), 0, title(month, area), s.bold);
    Row header = sheet.createRow(1);
    s.text(header, 0, msg("dashboard.level." + area.childLevel().name()), s.bold);
    for (int i = 0; i < SUMMARY.size(); i++) {
      s.text(header, i + 1, msg("report.col." + SUMMARY.get(i)), s.bold);
    }
    int r = 2;
    for (CoverageFigures.Part part : t.parts()) {
      summaryRow(
          sheet.createRow(r++), s, part.name(), dashboard.month(month, area.child(part.name())));
    }
    summaryRow(sheet.createRow(r), s, msg("report.total"), t);
    sheet.setColumnWidth(0, 20 * 256);
  }

  private void summaryRow(Row row, Styles s, String name, MonthFigures f) {
    s.text(row, 0, name, null);
    for (int i = 0; i < SUMMARY.size(); i++) {
      String key = SUMMARY.get(i);
      if (key.equals("rate")) {
        s.number(row, i + 1, f.rate(), s.percent);
      } else {
        s.number(row, i + 1, f.count(key), null);
      }
    }
  }

  private void categories(XSSFWorkbook book, Styles s, MonthFigures f) {
    Sheet sheet = book.createSheet(msg("report.sheet.categories"));
    header(
        sheet,
        s,
        "report.col.category",
        "report.col.elders.inScope",
        "report.col.elders.covered",
        "report.col.rate");
    Map<String, Integer> inScope = byCategory(f.buckets().get("elders.inScope"));
    Map<String, Integer> covered = byCategory(f.buckets().get("elders.covered"));
    int r = 1;
    for (Category c : Category.values()) {
      Row row = sheet.createRow(r++);
      int in = inScope.getOrDefault(c.name(), 0);
      int cov = covered.getOrDefault(c.name(), 0);
      s.text(row, 0, msg("category." + c.name()), null);
      s.number(row, 1, in, null);
      s.number(row, 2, cov, null);
      s.number(row, 3, Rates.share(cov, in), s.percent);
    }
  }

  private Map<String, Integer> byCategory(Bucket elders) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    jdbc.query(
        "select category, count(*) from elder_category where elder_id = any (?) group by category",
        rs -> {
          counts.put(rs.getString(1), rs.getInt(2));
        },
        (Object) elders.ids().toArray(Long[]::new));
    return counts;
  }

  private void kinds(XSSFWorkbook book, Styles s, MonthFigures f) {
    Sheet sheet = book.createSheet(msg("report.sheet.kinds"));
    Row header = sheet.createRow(0);
    s.text(header, 0, msg("report.col.kind"), s.bold);
    for (int i = 0; i < PURPOSES.size(); i++) {
      s.text(header, i + 1, msg("cycle.purpose." + PURPOSES.get(i)), s.bold);
    }
    s.text(header, PURPOSES.size() + 1, msg("report.total"), s.bold);
    int r = 1;
    for (String kind : List.of("PHONE", "HOME")) {
      Bucket visits = f.buckets().get("visits." + kind);
      Map<String, Integer> byPurpose = new java.util.HashMap<>();
      jdbc.query(
          "select purpose, count(*) from visit where id = any (?) group by purpose",
          rs -> {
            byPurpose.put(rs.getString(1), rs.getInt(2));
          },
          (Object) visits.ids().toArray(Long[]::new));
      Row row = sheet.createRow(r++);
      s.text(row, 0, msg("dashboard.kind." + kind), null);
      for (int i = 0; i < PURPOSES.size(); i++) {
        s.number(row, i + 1, byPurpose.getOrDefault(PURPOSES.get(i), 0), null);
      }
      s.number(row, PURPOSES.size() + 1, visits.count(), null);
    }
  }

  private void coverage(XSSFWorkbook book, Styles s, MonthFigures f) {
    Sheet sheet = book.createSheet(msg("report.sheet.coverage"));
    String[][] rates = {
      {"dashboard.rate", "elders.covered", "elders.inScope"},
      {"dashboard.half1", "half1.covered", "half1.inScope"},
      {"dashboard.half2", "half2.covered", "half2.inScope"}
    };
    header(
        sheet,
        s,
        "report.col.figure",
        "report.col.elders.inScope",
        "report.col.elders.covered",
        "report.col.rate");
    int r = 1;
    for (String[] rate : rates) {
      Row row = sheet.createRow(r++);
      s.text(row, 0, msg(rate[0]), null);
      s.number(row, 1, f.count(rate[2]), null);
      s.number(row, 2, f.count(rate[1]), null);
      s.number(row, 3, f.share(rate[1], rate[2]), s.percent);
    }
    Row target = sheet.createRow(r++);
    s.text(target, 0, msg("report.target"), null);
    s.number(target, 3, 1.0, s.percent);
    r++;
    Row trendHeader = sheet.createRow(r++);
    s.text(trendHeader, 0, msg("coverage.month"), s.bold);
    s.text(trendHeader, 1, msg("report.col.elders.inScope"), s.bold);
    s.text(trendHeader, 2, msg("report.col.elders.covered"), s.bold);
    s.text(trendHeader, 3, msg("report.col.rate"), s.bold);
    for (CoverageFigures.MonthRate m : f.trend()) {
      Row row = sheet.createRow(r++);
      s.text(row, 0, m.month(), null);
      s.number(row, 1, m.inScope(), null);
      s.number(row, 2, m.covered(), null);
      s.number(row, 3, m.rate(), s.percent);
    }
  }

  private void cases(XSSFWorkbook book, Styles s, MonthFigures f) {
    Sheet sheet = book.createSheet(msg("report.sheet.cases"));
    header(sheet, s, "report.col.figure", "report.col.count");
    int r = 1;
    List<String[]> lines = new ArrayList<>();
    for (String type : ActivityFigures.CASE_TYPES) {
      lines.add(new String[] {"escalation.type." + type, "cases." + type});
    }
    lines.add(new String[] {"dashboard.figure.cases.overdue", "cases.overdue"});
    lines.add(new String[] {"dashboard.figure.cases.escalated", "cases.escalated"});
    lines.add(new String[] {"dashboard.figure.distress.unclaimed", "distress.unclaimed"});
    for (String[] line : lines) {
      Row row = sheet.createRow(r++);
      s.text(row, 0, msg(line[0]), null);
      s.number(row, 1, f.count(line[1]), null);
    }
    r++;
    header(sheet.createRow(r++), s, "report.col.distressTime", "dashboard.median", "dashboard.p90");
    ActivityFigures.ResponseTimes t = f.distress();
    minutes(sheet.createRow(r++), s, msg("dashboard.toClaim"), t.claimMedian(), t.claimP90());
    minutes(sheet.createRow(r), s, msg("dashboard.toResolve"), t.resolveMedian(), t.resolveP90());
  }

  private void minutes(Row row, Styles s, String label, Double median, Double p90) {
    s.text(row, 0, label, null);
    if (median != null) {
      s.number(row, 1, Math.round(median / 6.0) / 10.0, null);
      s.number(row, 2, Math.round(p90 / 6.0) / 10.0, null);
    }
  }

  private void checks(XSSFWorkbook book, Styles s, MonthFigures f) {
    Sheet sheet = book.createSheet(msg("report.sheet.checks"));
    header(sheet, s, "report.col.check", "report.col.rule", "report.col.count");
    int r = 1;
    for (String check : SupervisionChecks.CHECKS) {
      for (Map.Entry<String, Bucket> e : f.buckets().entrySet()) {
        String key = e.getKey();
        if (key.equals("check." + check) || key.startsWith("check." + check + ".")) {
          Row row = sheet.createRow(r++);
          s.text(row, 0, msg("check." + check), null);
          s.text(row, 1, msg("dashboard.figure." + key), null);
          s.number(row, 2, e.getValue().count(), null);
        }
      }
    }
  }

  private void header(Sheet sheet, Styles s, String... keys) {
    header(sheet.createRow(0), s, keys);
  }

  private void header(Row row, Styles s, String... keys) {
    for (int i = 0; i < keys.length; i++) {
      s.text(row, i, msg(keys[i]), s.bold);
    }
  }

  private String msg(String key, Object... args) {
    return messages.getMessage(key, args, ZH);
  }

  /** The few cell styles a report uses. */
  private static final class Styles {
    final CellStyle bold;
    final CellStyle percent;

    Styles(XSSFWorkbook book) {
      bold = book.createCellStyle();
      var font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      percent = book.createCellStyle();
      percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
    }

    void text(Row row, int col, String value, CellStyle style) {
      var cell = row.createCell(col);
      cell.setCellValue(value);
      if (style != null) {
        cell.setCellStyle(style);
      }
    }

    void number(Row row, int col, double value, CellStyle style) {
      var cell = row.createCell(col);
      cell.setCellValue(value);
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }
}
