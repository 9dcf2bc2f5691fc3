package org.tanfang.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The part of Haikou an account works in: the whole city, a district (区), a street (镇街) of a
 * district, or a community (村居) of a street. Every query that returns elder data narrows itself
 * with {@link #sql(String, String, String)}; a single record is checked with {@link
 * #contains(String, String, String)}. A value, so other features can hold and compare it.
 *
 * <pre>{@code
 * RegionScope.Sql in = caller.scope().sql("e.district", "e.street", "e.community");
 * jdbc.query("select ... from elder e where e.status = ? and " + in.clause(), mapper,
 *     in.argsAfter("ACTIVE"));
 * }</pre>
 *
 * @param district null for the city
 * @param street null for a whole district (or the city)
 * @param community null for a whole street (or more)
 */
public record RegionScope(String district, String street, String community) {
  public static final RegionScope CITY = new RegionScope(null, null, null);

  /** How much of the city a scope covers. */
  public enum Level {
    CITY,
    DISTRICT,
    STREET,
    COMMUNITY
  }

  public RegionScope {
    district = blankToNull(district);
    street = blankToNull(street);
    community = blankToNull(community);
    if ((street != null && district == null) || (community != null && street == null)) {
      throw new IllegalArgumentException("A scope names its district, then street, then community");
    }
  }

  public static RegionScope district(String district) {
    return new RegionScope(district, null, null);
  }

  public static RegionScope street(String district, String street) {
    return new RegionScope(district, street, null);
  }

  public static RegionScope community(String district, String street, String community) {
    return new RegionScope(district, street, community);
  }

  public Level level() {
    if (community != null) {
      return Level.COMMUNITY;
    }
    if (street != null) {
      return Level.STREET;
    }
    return district != null ? Level.DISTRICT : Level.CITY;
  }

  public boolean isCity() {
    return district == null;
  }

  /** Whether an elder living in this district / street / community is inside the scope. */
  public boolean contains(String elderDistrict, String elderStreet, String elderCommunity) {
    return (district == null || district.equals(elderDistrict))
        && (street == null || street.equals(elderStreet))
        && (community == null || community.equals(elderCommunity));
  }

  /** Whether this scope covers all of {@code other} (an admin may only hand out what they hold). */
  public boolean covers(RegionScope other) {
    return contains(other.district, other.street, other.community)
        && level().ordinal() <= other.level().ordinal();
  }

  /** "美兰区 / 白龙街道" or "" for the city, for pages and logs. */
  public String label() {
    List<String> parts = new ArrayList<>();
    for (String p : new String[] {district, street, community}) {
      if (p != null) {
        parts.add(p);
      }
    }
    return String.join(" / ", parts);
  }

  /**
   * A SQL condition that keeps rows inside the scope, over the given region columns, with
   * positional parameters ({@code ?}); {@code true} for the city.
   */
  public Sql sql(String districtColumn, String streetColumn, String communityColumn) {
    List<String> terms = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (district != null) {
      terms.add(districtColumn + " = ?");
      args.add(district);
    }
    if (street != null) {
      terms.add(streetColumn + " = ?");
      args.add(street);
    }
    if (community != null) {
      terms.add(communityColumn + " = ?");
      args.add(community);
    }
    return new Sql(terms.isEmpty() ? "true" : "(" + String.join(" and ", terms) + ")", args);
  }

  /** The same condition over the elder table's columns, under the given alias ({@code e}). */
  public Sql sqlOnElder(String alias) {
    return sql(alias + ".district", alias + ".street", alias + ".community");
  }

  /**
   * The same condition with named parameters (for {@code NamedParameterJdbcTemplate}), added to
   * {@code params} under {@code scopeDistrict}, {@code scopeStreet}, {@code scopeCommunity}.
   */
  public String namedSql(String alias, java.util.Map<String, Object> params) {
    List<String> terms = new ArrayList<>();
    if (district != null) {
      terms.add(alias + ".district = :scopeDistrict");
      params.put("scopeDistrict", district);
    }
    if (street != null) {
      terms.add(alias + ".street = :scopeStreet");
      params.put("scopeStreet", street);
    }
    if (community != null) {
      terms.add(alias + ".community = :scopeCommunity");
      params.put("scopeCommunity", community);
    }
    return terms.isEmpty() ? "true" : "(" + String.join(" and ", terms) + ")";
  }

  /** A condition and its positional arguments. */
  public record Sql(String clause, List<Object> args) {
    /** The arguments of a query whose own arguments come before this condition's. */
    public Object[] argsAfter(Object... before) {
      List<Object> all = new ArrayList<>(Arrays.asList(before));
      all.addAll(args);
      return all.toArray();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public String toString() {
    return isCity() ? "CITY" : level() + " " + label();
  }
}
