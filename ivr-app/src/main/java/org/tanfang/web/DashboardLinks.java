package org.tanfang.web;

import java.time.YearMonth;
import org.springframework.web.util.UriComponentsBuilder;
import org.tanfang.reports.Area;

/** The dashboard's URLs for one month and area: drill-down, breadcrumbs and each figure's list. */
public record DashboardLinks(YearMonth month, Area area) {

  public String dashboard(Area to) {
    return with(UriComponentsBuilder.fromPath("/dashboard"), to).toUriString();
  }

  public String drill(String part) {
    return dashboard(area.child(part));
  }

  public String list(String key) {
    return with(UriComponentsBuilder.fromPath("/dashboard/list").queryParam("key", key), area)
        .toUriString();
  }

  /** The figures of this month and area as JSON (the open page's refresh). */
  public String figures() {
    return with(UriComponentsBuilder.fromPath("/dashboard/figures"), area).toUriString();
  }

  /** The table of uncovered elders of this month and area (an HTML fragment, the live refresh). */
  public String uncovered() {
    return with(UriComponentsBuilder.fromPath("/dashboard/uncovered"), area).toUriString();
  }

  /** The stream telling the open page that this area's figures changed. */
  public String events() {
    return with(UriComponentsBuilder.fromPath("/dashboard/events"), area).toUriString();
  }

  public String month(YearMonth other) {
    return new DashboardLinks(other, area).dashboard(area);
  }

  private UriComponentsBuilder with(UriComponentsBuilder b, Area to) {
    b.queryParam("month", month.toString());
    if (to.district() != null) {
      b.queryParam("district", to.district());
    }
    if (to.street() != null) {
      b.queryParam("street", to.street());
    }
    if (to.community() != null) {
      b.queryParam("community", to.community());
    }
    if (to.grid() != null) {
      b.queryParam("grid", to.grid());
    }
    return b.encode();
  }
}
