package org.tanfang.registry.spreadsheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The blank sheets staff download to fill in: every column header in order (required ones marked
 * with *), text-formatted so ID-card and phone numbers keep all their digits, and a second sheet
 * that explains each column.
 */
public final class ImportTemplate {
  /** The download's file name: the bureau's own (Chinese) name, whatever the UI language. */
  public static final String XLSX_FILE_NAME = "老人名单模板.xlsx";

  public static final String CSV_FILE_NAME = "老人名单模板.csv";

  private ImportTemplate() {}

  /** One line per column: header, required, accepted values. Shown in the template and README. */
  static final List<String[]> HELP =
      List.of(
          new String[] {"姓名", "必填", "老人姓名"},
          new String[] {"性别", "选填", "男/女；不填按身份证号推出"},
          new String[] {"出生日期", "选填", "1945-03-02；不填按身份证号推出，填了须与身份证号一致"},
          new String[] {"身份证号", "必填", "18位，校验位按 GB 11643 检查；用于识别同一老人（重复导入即更新）"},
          new String[] {"联系电话", "必填", "手机 11 位，或座机 0898-66123456 / 66123456（视为海口号码）"},
          new String[] {"备用电话", "选填", "多个号码用、或;分隔，按顺序拨打"},
          new String[] {"家庭住址", "必填", ""},
          new String[] {"所属区", "必填", "龙华区、美兰区、秀英区、琼山区（可配置）"},
          new String[] {"镇街", "必填", "镇或街道"},
          new String[] {"村居", "必填", "村委会或社区居委会"},
          new String[] {"网格", "选填", ""},
          new String[] {"类别", "必填", "孤寡、独居、空巢、留守、失能、重残、计划生育特殊家庭，可多选（用、分隔）；80岁以上可不填"},
          new String[] {"失能等级", "选填", "无/轻度/中度/重度/完全"},
          new String[] {"残疾等级", "选填", "1-4 级（1、2 级为重残）"},
          new String[] {"生活自理", "选填", "是/否；不填时中度以上失能或重残视为不能自理"},
          new String[] {"方言", "选填", "普通话/海南话（cmn/hainan），默认普通话"},
          new String[] {"探访意愿", "选填", "同意/不同意，默认同意"},
          new String[] {"可通话时段", "选填", "如 09:00-11:30"},
          new String[] {"紧急联系人", "选填", "姓名"},
          new String[] {"紧急联系人关系", "选填", "如 儿子、女儿、邻居"},
          new String[] {"紧急联系人电话", "选填", "有紧急联系人时必填"},
          new String[] {"紧急联系人2", "选填", ""},
          new String[] {"紧急联系人2关系", "选填", ""},
          new String[] {"紧急联系人2电话", "选填", ""},
          new String[] {"探访人", "选填", "负责上门探访的人"},
          new String[] {"探访人身份", "选填", "如 网格员、社工、志愿者"},
          new String[] {"探访人电话", "选填", ""},
          new String[] {"备注", "选填", ""});

  public static String headers() {
    return Arrays.stream(Column.values())
        .map(c -> (c.required() ? "*" : "") + c.header())
        .collect(Collectors.joining(","));
  }

  /** UTF-8 with BOM so that Excel opens it with the right encoding. */
  public static byte[] csv() {
    return ("\uFEFF" + headers() + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] xlsx() {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle text = book.createCellStyle();
      text.setDataFormat(book.createDataFormat().getFormat("@"));
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet sheet = book.createSheet("老人名单");
      Row row = sheet.createRow(0);
      Column[] columns = Column.values();
      for (int i = 0; i < columns.length; i++) {
        var cell = row.createCell(i);
        cell.setCellValue((columns[i].required() ? "*" : "") + columns[i].header());
        cell.setCellStyle(bold);
        sheet.setDefaultColumnStyle(i, text);
        sheet.setColumnWidth(i, 14 * 256);
      }
      Sheet help = book.createSheet("填写说明");
      for (int i = 0; i < HELP.size(); i++) {
        Row r = help.createRow(i);
        for (int j = 0; j < 3; j++) {
          r.createCell(j).setCellValue(HELP.get(i)[j]);
        }
      }
      help.setColumnWidth(2, 80 * 256);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot build the template", e);
    }
  }
}
