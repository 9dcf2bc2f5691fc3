package org.tanfang.registry.spreadsheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.tanfang.testsupport.TestElders;

/** Builds spreadsheets the way district staff fill them in. */
final class Sheets {
  static final List<String> HEADER =
      List.of(
          "姓名", "性别", "身份证号", "联系电话", "家庭住址", "所属区", "镇街", "村居", "网格", "类别", "失能等级", "残疾等级", "方言",
          "紧急联系人", "紧急联系人电话");

  private Sheets() {}

  static String idNumber(int n) {
    return TestElders.idNumber(LocalDate.of(1940 + n % 20, 1 + n % 12, 1 + n % 28), n, n % 2 == 1);
  }

  /** A valid row for elder n. */
  static List<String> row(int n) {
    return new ArrayList<>(
        List.of(
            "老人" + n,
            n % 2 == 1 ? "男" : "女",
            idNumber(n),
            String.format("1390898%04d", n % 10000),
            "海秀街道长滨社区" + n + "号",
            "秀英区",
            "海秀街道",
            "长滨社区",
            "第1网格",
            n % 3 == 0 ? "孤寡、独居" : "空巢",
            n % 4 == 0 ? "轻度" : "无",
            "",
            n % 2 == 0 ? "海南话" : "普通话",
            "子女" + n,
            "13712345678"));
  }

  static String csv(List<List<String>> rows) {
    StringBuilder s = new StringBuilder(String.join(",", HEADER)).append("\r\n");
    for (List<String> row : rows) {
      s.append(String.join(",", row.stream().map(Sheets::quote).toList())).append("\r\n");
    }
    return s.toString();
  }

  static byte[] csvBytes(List<List<String>> rows, Charset charset) {
    return csv(rows).getBytes(charset);
  }

  static List<List<String>> rows(int from, int toInclusive) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = from; i <= toInclusive; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  static byte[] xlsx(List<List<String>> rows) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("名单");
      Row header = sheet.createRow(0);
      for (int i = 0; i < HEADER.size(); i++) {
        header.createCell(i).setCellValue(HEADER.get(i));
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        List<String> cells = rows.get(r);
        for (int c = 0; c < cells.size(); c++) {
          String v = cells.get(c);
          if (c == 3 && v.matches("\\d{11}")) {
            row.createCell(c).setCellValue(Double.parseDouble(v)); // phones often stored as numbers
          } else if (!v.isEmpty()) {
            row.createCell(c).setCellValue(v);
          }
        }
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
