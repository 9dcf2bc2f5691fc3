package org.tanfang.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tanfang.security.RegionScope;
import org.tanfang.security.Role;
import org.tanfang.security.UserAccounts;
import org.tanfang.testsupport.MutableClock;
import org.tanfang.testsupport.Rows;
import org.tanfang.testsupport.TanfangTest;
import org.tanfang.visitors.VisitorAccounts;

/**
 * The visit record form as PDF: the page's content (masked for STAFF) with the CJK font embedded,
 * extracted back as text with PDFBox; characters the bundled font lacks shown as [U+XXXX]; the same
 * bytes for the same visit; 404 (no such visit, or its elder outside the scope) and 403 (a VISITOR
 * account) over real HTTP in the one error format.
 */
@TanfangTest
class RecordPdfTest {
  static final RequestPostProcessor SUPERVISOR = user("admin").roles("SUPERVISOR");
  static final RequestPostProcessor STAFF = user("admin").roles("STAFF");

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired MockMvc mvc;
  @Autowired UserAccounts accounts;
  @Autowired VisitorAccounts visitors;
  @LocalServerPort int port;
  long elder;
  long visit;

  static Instant local(String at) {
    return LocalDateTime.parse(at).atZone(MutableClock.SHANGHAI).toInstant();
  }

  @BeforeEach
  void setUp() {
    clock.setLocal("2026-03-20T10:00:00");
    Rows.clean(jdbc);
    Rows rows = new Rows(jdbc);
    elder =
        rows.elder()
            .named("王秀华")
            .in("美兰区", "海甸街道", "沿江社区")
            .livingAt("海甸岛五西路8号")
            .phones("13907561234")
            .save();
    visit =
        rows.visit(elder)
            .valid(true)
            .status("DONE")
            .outcome("COMPLETED")
            .endedAt(local("2026-03-10T10:05:00"))
            .save();
    rows.answer(visit)
        .to("health", "HEALTH")
        .spoken("UNWELL", "膝盖痛得走不了路", "/r/1.wav")
        .answeredAt(local("2026-03-10T10:02:00"))
        .save();
    rows.answer(visit)
        .to("safety", "SAFETY")
        .keyed("FINE")
        .answeredAt(local("2026-03-10T10:03:00"))
        .save();
    rows.caseWithoutHistory(elder, "FOLLOW_UP")
        .visit(visit)
        .openedAt(local("2026-03-10T10:06:00"), Duration.ofDays(1))
        .save();
  }

  private byte[] pdf(long id, RequestPostProcessor who, String lang) throws Exception {
    MockHttpServletResponse r =
        mvc.perform(get("/visits/" + id + "/record.pdf").param("lang", lang).with(who))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(r.getContentType()).isEqualTo("application/pdf");
    assertThat(r.getHeader("Content-Disposition")).startsWith("inline").contains("record-" + id);
    return r.getContentAsByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The text of the PDF, white space removed (table cells and line breaks vary). */
  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
    }
  }

  private static List<PDFont> fonts(PDDocument doc) throws Exception {
    List<PDFont> fonts = new ArrayList<>();
    for (PDPage page : doc.getPages()) {
      PDResources res = page.getResources();
      for (COSName name : res.getFontNames()) {
        fonts.add(res.getFont(name));
      }
    }
    return fonts;
  }

  @Test
  void theSupervisorsPdfHasTheFormInChineseWithTheFontEmbedded() throws Exception {
    byte[] pdf = pdf(visit, SUPERVISOR, "zh_CN");
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(text(pdf))
        .contains("特殊困难老年人探访关爱服务记录表", "探访内容", "处理情况", "探访人签字")
        .contains("王秀华", "13907561234", "海甸岛五西路8号")
        .contains("2026-03-1010:05", "电话探访", "自动电话探访")
        .contains("有问题:膝盖痛得走不了路", "良好", "未涉及")
        .contains("身体不适回访#1")
        .doesNotContain("打印", "PDF下载"); // the page's buttons are not part of the form
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<PDFont> fonts = fonts(doc);
      assertThat(fonts).isNotEmpty();
      assertThat(fonts)
          .allSatisfy(
              f -> {
                assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                assertThat(f.getName()).contains("WenQuanYi");
              });
    }
    assertThat(text(pdf(visit, SUPERVISOR, "en")))
        .contains("Visitrecordform", "王秀华", "Whatwasfound", "Notcovered");
  }

  @Test
  void aLongRecordNumbersItsPages() throws Exception {
    // a visit that raised many cases (resolved: one open case per elder and type): the follow-ups
    // run over more than one A4 page
    Rows rows = new Rows(jdbc);
    for (int i = 0; i < 80; i++) {
      rows.caseWithoutHistory(elder, "FOLLOW_UP")
          .visit(visit)
          .openedAt(local("2026-03-10T10:07:00").plusSeconds(i), Duration.ofDays(1))
          .resolvedAt(local("2026-03-11T10:07:00").plusSeconds(i))
          .save();
    }

    try (PDDocument doc = Loader.loadPDF(pdf(visit, SUPERVISOR, "zh_CN"))) {
      int pages = doc.getNumberOfPages();
      assertThat(pages).isGreaterThan(1);
      for (int page = 1; page <= pages; page++) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        assertThat(stripper.getText(doc).replaceAll("\\s+", "")).contains(page + "/" + pages);
      }
    }
  }

  @Test
  void staffGetTheElderMaskedAsOnThePage() throws Exception {
    String audited =
        "select count(*) from audit_event where action = 'VIEW' and subject_id = ?"
            + " and detail = 'record form pdf masked'";
    int before = jdbc.queryForObject(audited, Integer.class, String.valueOf(visit));
    String text = text(pdf(visit, STAFF, "zh_CN"));
    assertThat(text)
        .contains("王*华", "139****1234", "有问题:膝盖痛得走不了路")
        .doesNotContain("王秀华", "13907561234", "海甸岛五西路8号");
    assertThat(jdbc.queryForObject(audited, Integer.class, String.valueOf(visit)))
        .isEqualTo(before + 1);
  }

  @Test
  void theSameVisitGivesTheSameBytes() throws Exception {
    byte[] first = pdf(visit, SUPERVISOR, "zh_CN");
    clock.advance(Duration.ofDays(3).plusMinutes(7));
    byte[] second = pdf(visit, SUPERVISOR, "zh_CN");
    assertThat(sha256(second)).isEqualTo(sha256(first));
    try (PDDocument doc = Loader.loadPDF(first)) {
      assertThat(doc.getDocumentInformation().getProducer()).isEqualTo("Tanfang");
      assertThat(doc.getDocumentInformation().getCreationDate().toInstant())
          .isEqualTo(local("2026-03-10T10:05:00"));
    }
    // and it is the visit's: another one differs
    jdbc.update("update elder set name = '王秀英' where id = ?", elder);
    assertThat(sha256(pdf(visit, SUPERVISOR, "zh_CN"))).isNotEqualTo(sha256(first));
  }

  @Test
  void charactersTheFontLacksAreShownAsCodePointsNotDropped() throws Exception {
    // 䶮 (U+4DAE, CJK Extension A) and 𠮷 (U+20BB7, Extension B) are outside GB2312
    jdbc.update("update elder set name = '刘䶮𠮷' where id = ?", elder);
    String text = text(pdf(visit, SUPERVISOR, "zh_CN"));
    assertThat(text).contains("刘[U+4DAE][U+20BB7]").doesNotContain("䶮", "𠮷");
    assertThat(text(pdf(visit, STAFF, "zh_CN"))).contains("刘*[U+20BB7]");
  }

  @Test
  void noSuchVisitOutsideTheScopeAndVisitorsGetTheOneErrorFormat() throws Exception {
    if (!accounts.exists("pdf-longhua")) {
      accounts.create(
          "pdf-longhua", "pdf-test-password", Role.SUPERVISOR, "龙华督导", RegionScope.district("龙华区"));
    }
    if (!accounts.exists("pdf-visitor")) {
      visitors.create(
          new VisitorAccounts.NewVisitor("pdf-visitor", "探访员", "13612349876", "pdf-visitor-pw1"));
    }
    HttpClient admin = signedIn("admin", "admin-test-password");
    HttpResponse<String> missing = send(admin, "/visits/999999/record.pdf", "application/json");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(missing.body()).contains("\"status\":404", "\"error\":\"not-found\"");
    HttpResponse<String> page =
        send(admin, "/visits/999999/record.pdf", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("data-status=\"404\"", "找不到页面");

    HttpResponse<String> outside =
        send(
            signedIn("pdf-longhua", "pdf-test-password"),
            "/visits/" + visit + "/record.pdf",
            "application/json");
    assertThat(outside.statusCode()).isEqualTo(404);
    assertThat(outside.body())
        .contains("\"status\":404", "\"error\":\"not-found\"")
        .doesNotContain("王秀华", "王*华");

    HttpResponse<String> visitor =
        send(
            signedIn("pdf-visitor", "pdf-visitor-pw1"),
            "/visits/" + visit + "/record.pdf",
            "application/json");
    assertThat(visitor.statusCode()).isEqualTo(403);
    assertThat(visitor.body())
        .contains("\"status\":403", "\"error\":\"forbidden\"")
        .doesNotContain("王秀华", "王*华");

    // inside the scope the same account over the same path gets the PDF
    HttpResponse<byte[]> ok =
        admin.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/visits/" + visit + "/record.pdf"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(text(ok.body())).contains("王秀华");
  }

  @Test
  void theRecordPageLinksToThePdf() throws Exception {
    String page =
        mvc.perform(get("/visits/" + visit + "/record").with(SUPERVISOR))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("href=\"/visits/" + visit + "/record.pdf\"", "PDF 下载");
  }

  private HttpResponse<String> send(HttpClient browser, String path, String accept)
      throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A browser's session: signed in through the login form. */
  private HttpClient signedIn(String username, String password) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String login =
        browser
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    var m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
    assertThat(m.find()).isTrue();
    String form =
        "username="
            + username
            + "&password="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    return browser;
  }
}
