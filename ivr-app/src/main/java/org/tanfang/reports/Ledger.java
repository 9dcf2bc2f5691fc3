package org.tanfang.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** The ledger (台账) as .xlsx: one row per visit record, the six areas found and what was done. */
@Service
public class Ledger {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final MessageSource messages;

  Ledger(MessageSource messages) {
    this.messages = messages;
  }

  public byte[] xlsx(String title, List<VisitRecords.Record> records, ZoneId zone, Locale locale) {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Sheet sheet = book.createSheet(msg("ledger.sheet", locale));
      sheet.createRow(0).createCell(0).setCellValue(title);
      List<String> header = new ArrayList<>();
      for (String key :
          List.of(
              "ledger.col.visit",
              "ledger.col.at",
              "elders.col.name",
              "outcomes.col.idNumber",
              "elders.col.region",
              "outcomes.col.kind",
              "outcomes.col.purpose",
              "ledger.col.status",
              "outcomes.col.valid",
              "outcomes.col.recordedBy")) {
        header.add(msg(key, locale));
      }
      for (String area : VisitRecords.AREAS) {
        header.add(msg("field.areas." + area, locale));
      }
      header.add(msg("ledger.col.followUps", locale));
      Row head = sheet.createRow(1);
      for (int i = 0; i < header.size(); i++) {
        head.createCell(i).setCellValue(header.get(i));
      }
      int r = 2;
      for (VisitRecords.Record rec : records) {
        Row row = sheet.createRow(r++);
        int c = 0;
        row.createCell(c++).setCellValue(rec.visitId());
        row.createCell(c++).setCellValue(rec.at() == null ? "" : AT.format(rec.at().atZone(zone)));
        row.createCell(c++).setCellValue(rec.elder().name());
        row.createCell(c++).setCellValue(rec.elder().idNumber());
        row.createCell(c++).setCellValue(rec.elder().region());
        row.createCell(c++).setCellValue(msg("dashboard.kind." + rec.kind(), locale));
        row.createCell(c++).setCellValue(msg("cycle.purpose." + rec.purpose(), locale));
        row.createCell(c++).setCellValue(msg("cycle.status." + rec.status(), locale));
        row.createCell(c++).setCellValue(msg(rec.valid() ? "elder.yes" : "elder.no", locale));
        row.createCell(c++).setCellValue(rec.recordedBy() == null ? "" : rec.recordedBy());
        for (String area : VisitRecords.AREAS) {
          VisitRecords.Finding f = rec.areas().get(area);
          row.createCell(c++).setCellValue(f == null ? "" : finding(f, locale));
        }
        List<String> done = new ArrayList<>();
        for (VisitRecords.FollowUp u : rec.followUps()) {
          done.add(
              msg("escalation.type." + u.type(), locale)
                  + " #"
                  + u.caseId()
                  + " "
                  + msg("escalation.state." + u.state(), locale));
        }
        row.createCell(c).setCellValue(String.join("; ", done));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What was found in an area, as the form prints it: the answer's label and its words. */
  public String finding(VisitRecords.Finding f, Locale locale) {
    String label = msg("record.intent." + f.intent(), locale);
    return f.detail() == null || f.detail().isBlank() ? label : label + ": " + f.detail();
  }

  private String msg(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }
}
