package org.tanfang.reports;

import java.util.List;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * A region the figures are for: the city, or a prefix of 区 / 镇街 / 村居 / 网格 (a street only inside its
 * district, and so on). Every report query takes one, so an account's region scope can narrow what
 * it is shown by passing the narrower area. A grid of {@code ""} means the elders without one.
 */
public record Area(String district, String street, String community, String grid) {

  public static final Area CITY = new Area(null, null, null, null);

  /** How deep an area goes; the charts group by the level below. */
  public enum Level {
    CITY,
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID
  }

  public Area {
    district = blankToNull(district);
    street = blankToNull(street);
    community = blankToNull(community);
    grid = grid == null ? null : grid.strip();
    if ((street != null && district == null)
        || (community != null && street == null)
        || (grid != null && community == null)) {
      throw new InvalidInputException(
          "area", List.of(FieldProblem.of("area", "area.notPrefix", district, street, community)));
    }
  }

  public static Area of(String district, String street, String community, String grid) {
    return new Area(district, street, community, grid);
  }

  public Level level() {
    if (grid != null) {
      return Level.GRID;
    }
    if (community != null) {
      return Level.COMMUNITY;
    }
    if (street != null) {
      return Level.STREET;
    }
    return district != null ? Level.DISTRICT : Level.CITY;
  }

  /** The level the area's parts are at (a grid has no parts: itself). */
  public Level childLevel() {
    Level level = level();
    return level == Level.GRID ? Level.GRID : Level.values()[level.ordinal() + 1];
  }

  /** The part of this area named {@code name} (the grid itself for a grid). */
  public Area child(String name) {
    return switch (level()) {
      case CITY -> new Area(name, null, null, null);
      case DISTRICT -> new Area(district, name, null, null);
      case STREET -> new Area(district, street, name, null);
      case COMMUNITY, GRID -> new Area(district, street, community, name);
    };
  }

  /** The area one level up (the city for the city). */
  public Area parent() {
    return switch (level()) {
      case CITY, DISTRICT -> CITY;
      case STREET -> new Area(district, null, null, null);
      case COMMUNITY -> new Area(district, street, null, null);
      case GRID -> new Area(district, street, community, null);
    };
  }

  public boolean contains(String d, String s, String c, String g) {
    return (district == null || district.equals(d))
        && (street == null || street.equals(s))
        && (community == null || community.equals(c))
        && (grid == null || grid.equals(g == null ? "" : g));
  }

  /** The name of the part of this area an elder living there belongs to. */
  public String partOf(String d, String s, String c, String g) {
    return switch (childLevel()) {
      case CITY, DISTRICT -> d;
      case STREET -> s;
      case COMMUNITY -> c;
      case GRID -> g == null ? "" : g;
    };
  }

  /** {@code and e.district = ? …} for an elder table aliased {@code e}; adds the arguments. */
  String where(String alias, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    if (district != null) {
      sql.append(" and ").append(alias).append(".district = ?");
      args.add(district);
    }
    if (street != null) {
      sql.append(" and ").append(alias).append(".street = ?");
      args.add(street);
    }
    if (community != null) {
      sql.append(" and ").append(alias).append(".community = ?");
      args.add(community);
    }
    if (grid != null) {
      sql.append(" and coalesce(").append(alias).append(".grid, '') = ?");
      args.add(grid);
    }
    return sql.toString();
  }

  private static final java.util.regex.Pattern ELDER_JOIN =
      java.util.regex.Pattern.compile(" join elder e on e\\.id = [a-z]\\.elder_id");

  /**
   * For the city, a query's {@code join elder e on e.id = x.elder_id} only there for the area's
   * filter is left out (every row has its elder: a foreign key), unless the query reads {@code e}
   * elsewhere. Saves joining 200,000 elders to a month of visits.
   */
  static String withoutElderJoin(String sql, Area area) {
    if (area.level() != Level.CITY) {
      return sql;
    }
    String without = ELDER_JOIN.matcher(sql).replaceFirst("");
    return without.equals(sql) || without.matches("(?s).*[\\s(,]e\\..*") ? sql : without;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
