package org.tanfang.web;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;
import org.springframework.stereotype.Component;
import org.tanfang.reports.Ledger;
import org.tanfang.reports.VisitRecords;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The visit record form as PDF: the form of {@code record-form.html} (the same fragment the page
 * shows) in {@code record-pdf.html}, laid out on A4 by openhtmltopdf with the bundled CJK font
 * embedded (a GB2312 subset of WenQuanYi Micro Hei). A character the font lacks (a rare name
 * character) is written as {@code [U+XXXX]} rather than left blank. The same visit gives the same
 * bytes: producer, dates and document id come from the visit, nothing from the clock or chance.
 */
@Component
class RecordPdf {
  static final String FONT = "fonts/wqy-microhei-gb2312.ttf";
  static final String CSS = "pdf/record-form.css";
  static final String FAMILY = "Record CJK";
  static final String PRODUCER = "Tanfang";

  private final ITemplateEngine templates;
  private final Ledger ledger;
  private final byte[] font;
  private final String css;
  private final CmapLookup glyphs;

  RecordPdf(ITemplateEngine templates, Ledger ledger) {
    this.templates = templates;
    this.ledger = ledger;
    this.font = resource(FONT);
    this.css = new String(resource(CSS), StandardCharsets.UTF_8);
    // read the character map once, here: requests then only look it up (no lazy parsing, no lock)
    try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
      this.glyphs = ttf.getUnicodeCmapLookup();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = RecordPdf.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the bundled font draws this character. */
  boolean drawable(int codePoint) {
    return glyphs.getGlyphId(codePoint) > 0;
  }

  /** The text with every character the font lacks as {@code [U+XXXX]}; spacing kept. */
  String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || drawable(cp)) {
                out.appendCodePoint(cp);
              } else {
                out.append(String.format(Locale.ROOT, "[U+%04X]", cp));
              }
            });
    return out.toString();
  }

  byte[] render(VisitRecords.Record record, Locale locale, ZoneId zone) {
    Context context = new Context(locale);
    context.setVariable("r", record);
    context.setVariable("areas", VisitRecords.AREAS);
    context.setVariable("ledger", ledger);
    context.setVariable("zone", zone);
    Document html = Jsoup.parse(templates.process("record-pdf", context));
    // the stylesheet lives outside the template: pages carry no inline style (the CSP forbids it)
    html.head().appendElement("style").appendChild(new DataNode(css));
    html.body()
        .traverse(
            (node, depth) -> {
              if (node instanceof TextNode t && !t.isBlank()) {
                t.text(printable(t.getWholeText()));
              }
            });
    try (PDDocument pdf = new PDDocument()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.usePDDocument(pdf);
      for (int weight : new int[] {400, 700}) { // headings and table heads use the same face
        builder.useFont(
            () -> new ByteArrayInputStream(font), FAMILY, weight, FontStyle.NORMAL, true);
      }
      builder.withW3cDocument(new W3CDom().fromJsoup(html), null);
      builder.withProducer(PRODUCER);
      try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
        renderer.layout();
        renderer.createPDFWithoutClosing();
      }
      fix(pdf, record, zone);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Producer, dates and the document id from the visit, so one visit always gives one file. */
  private static void fix(PDDocument pdf, VisitRecords.Record record, ZoneId zone) {
    PDDocumentInformation info = pdf.getDocumentInformation();
    info.setProducer(PRODUCER);
    info.setCreator(PRODUCER);
    if (record.at() != null) {
      Calendar at = new GregorianCalendar(TimeZone.getTimeZone(zone), Locale.ROOT);
      at.setTimeInMillis(record.at().toEpochMilli());
      info.setCreationDate(at);
      info.setModificationDate(at);
    } else {
      info.setCreationDate(null);
      info.setModificationDate(null);
    }
    byte[] id = md5(("tanfang visit record " + record.visitId() + " " + record.at()));
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static byte[] md5(String s) {
    try {
      return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
