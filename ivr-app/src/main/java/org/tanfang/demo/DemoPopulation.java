package org.tanfang.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tanfang.registry.ElderForm;
import org.tanfang.registry.ElderForm.ContactForm;
import org.tanfang.registry.ElderForm.VisitorForm;
import org.tanfang.registry.IdCardNumber;

/**
 * Synthetic elders over Haikou's four districts, made from a fixed seed so every dev machine has
 * the same people. Names, ID numbers and phones are invented (ID numbers carry valid check digits;
 * demo mobiles all start with 139 0898, so they are recognisable as fake).
 */
public final class DemoPopulation {
  /** District, its ID-card area code, and some of its towns/streets with villages/communities. */
  private record Place(String district, String areaCode, String street, List<String> communities) {}

  private static final List<Place> PLACES =
      List.of(
          new Place("龙华区", "460106", "中山街道", List.of("博爱社区", "居仁坊社区")),
          new Place("龙华区", "460106", "金贸街道", List.of("金龙社区", "国贸社区")),
          new Place("龙华区", "460106", "新坡镇", List.of("新坡村委会", "仁里村委会", "光明村委会")),
          new Place("美兰区", "460108", "海甸街道", List.of("海达社区", "沿江社区")),
          new Place("美兰区", "460108", "白龙街道", List.of("白龙社区", "流水坡社区")),
          new Place("美兰区", "460108", "演丰镇", List.of("演丰村委会", "塔市村委会", "山尾村委会")),
          new Place("秀英区", "460105", "海秀街道", List.of("海秀社区", "长滨社区")),
          new Place("秀英区", "460105", "石山镇", List.of("施茶村委会", "美社村委会", "道堂村委会")),
          new Place("琼山区", "460107", "府城街道", List.of("忠介社区", "甘蔗园社区")),
          new Place("琼山区", "460107", "云龙镇", List.of("云龙村委会", "儒传村委会", "长泰村委会")),
          new Place("琼山区", "460107", "三门坡镇", List.of("三门坡村委会", "清泉村委会")));

  private static final String SURNAMES = "王陈林吴黄李符郑梁冯云邢潘周韩蔡许曾羊莫";
  private static final String GIVEN = "文明秀英桂兰亚妹玉梅德福开南海花春生家良金凤月娥志强国华";
  private static final String[] RELATIONS = {"儿子", "女儿", "侄子", "外甥女", "邻居", "孙子"};
  private static final String[] VISITOR_ROLES = {"网格员", "社工", "村(居)委会干部", "志愿者"};

  private DemoPopulation() {}

  /** {@code size} elders, deterministic for a given size, valid on {@code today}. */
  public static List<ElderForm> generate(int size, LocalDate today) {
    Random random = new Random(20231114L); // the policy's date: same demo people everywhere
    List<ElderForm> elders = new ArrayList<>(size);
    java.util.Set<String> usedIds = new java.util.HashSet<>();
    for (int i = 0; i < size; i++) {
      elders.add(elder(i, random, today, usedIds));
    }
    return elders;
  }

  private static ElderForm elder(int i, Random r, LocalDate today, java.util.Set<String> usedIds) {
    Place place = PLACES.get(i % PLACES.size());
    boolean male = r.nextBoolean();
    LocalDate birth = today.minusYears(60 + r.nextInt(38)).minusDays(r.nextInt(365));
    String idNumber = idNumber(place.areaCode(), birth, i, male);
    for (int bump = 1; !usedIds.add(idNumber); bump++) {
      idNumber =
          idNumber(place.areaCode(), birth, i + bump * 7, male); // same person twice is a typo
    }
    String name = name(r);
    String disability = pick(r, new String[] {"无", "无", "无", "无", "无", "轻度", "中度", "重度", "完全"});
    String grade = r.nextInt(12) == 0 ? String.valueOf(1 + r.nextInt(4)) : null;
    List<String> categories = categories(r, disability, birth, today);
    String community = place.communities().get(r.nextInt(place.communities().size()));
    List<ContactForm> contacts = new ArrayList<>();
    int contactCount = categories.contains("孤寡") ? 1 : 1 + r.nextInt(2);
    for (int c = 0; c < contactCount; c++) {
      contacts.add(
          new ContactForm(
              name(r), pick(r, RELATIONS), String.format("1390899%04d", (i * 2 + c) % 10000)));
    }
    String phone =
        i % 9 == 4
            ? String.format("0898-6%07d", 5_000_000 + i)
            : String.format("1390898%04d", i % 10000);
    List<String> alternates =
        i % 5 == 0 ? List.of(String.format("1370898%04d", i % 10000)) : List.of();
    return new ElderForm(
        name,
        male ? "男" : "女",
        null,
        idNumber,
        place.street()
            + community.replace("社区", "").replace("村委会", "")
            + (1 + r.nextInt(120))
            + "号",
        place.district(),
        place.street(),
        community,
        community + "第" + (1 + r.nextInt(4)) + "网格",
        phone,
        alternates,
        categories,
        disability,
        grade,
        null,
        r.nextInt(10) < 6 ? "海南话" : "普通话",
        null,
        null,
        r.nextInt(25) != 0,
        contacts,
        visitor(i, r),
        null);
  }

  private static List<String> categories(
      Random r, String disability, LocalDate birth, LocalDate today) {
    List<String> result = new ArrayList<>();
    int roll = r.nextInt(100);
    if (roll < 12) {
      result.add("孤寡");
    } else if (roll < 45) {
      result.add("独居");
    } else if (roll < 75) {
      result.add("空巢");
    } else if (roll < 88) {
      result.add("留守");
    } else if (roll < 94) {
      result.add("计划生育特殊家庭");
    }
    if (!disability.equals("无")) {
      result.add("失能");
    }
    boolean over80 = !birth.plusYears(80).isAfter(today);
    if (result.isEmpty() && !over80) {
      result.add("空巢");
    }
    return result;
  }

  private static String idNumber(String areaCode, LocalDate birth, int i, boolean male) {
    int sequence = (i * 2 + (male ? 1 : 0)) % 1000; // odd sequence digit means male
    String first17 =
        areaCode
            + String.format(
                "%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
            + String.format("%03d", sequence);
    return first17 + IdCardNumber.checkCharFor(first17);
  }

  /**
   * The elder's human visitor: one of two per street (place), each with about nine elders, so a
   * demo visitor has a real list of elders and home visits. The random draws are kept as before so
   * the rest of the demo population stays the same.
   */
  private static VisitorForm visitor(int i, Random r) {
    name(r);
    pick(r, VISITOR_ROLES);
    int k = i % (PLACES.size() * 2);
    String name =
        "" + SURNAMES.charAt(k % SURNAMES.length()) + GIVEN.charAt((k * 7) % GIVEN.length());
    return new VisitorForm(
        name, VISITOR_ROLES[k % VISITOR_ROLES.length], String.format("1360898%04d", k));
  }

  private static String name(Random r) {
    String given = "" + GIVEN.charAt(r.nextInt(GIVEN.length()));
    if (r.nextBoolean()) {
      given += GIVEN.charAt(r.nextInt(GIVEN.length()));
    }
    return SURNAMES.charAt(r.nextInt(SURNAMES.length())) + given;
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
