package org.tanfang.scheduler.festival;

/**
 * Traditional festivals at which elders get an extra caring call (the plan: "传统节日等特殊时间节点,
 * 要适当增加探访频次"). Lunar dates are month/day of the Chinese calendar, never a leap month.
 */
public enum Festival {
  /** The last day of the twelfth lunar month: the 29th or the 30th. */
  NEW_YEARS_EVE("除夕", "festival-chuxi", 12, 0),
  SPRING_FESTIVAL("春节", "festival-chunjie", 1, 1),
  LANTERN("元宵", "festival-yuanxiao", 1, 15),
  /** A solar term, not a lunar date: see {@link Qingming}. */
  QINGMING("清明", "festival-qingming", 0, 0),
  DRAGON_BOAT("端午", "festival-duanwu", 5, 5),
  QIXI("七夕", "festival-qixi", 7, 7),
  MID_AUTUMN("中秋", "festival-zhongqiu", 8, 15),
  /** 重阳 is also China's Seniors' Day (老年节). */
  DOUBLE_NINTH("重阳", "festival-chongyang", 9, 9);

  private final String label;
  private final String promptId;
  private final int lunarMonth;
  private final int lunarDay;

  Festival(String label, String promptId, int lunarMonth, int lunarDay) {
    this.label = label;
    this.promptId = promptId;
    this.lunarMonth = lunarMonth;
    this.lunarDay = lunarDay;
  }

  public String label() {
    return label;
  }

  /** The greeting prompt in the voice-prompt catalogue. */
  public String promptId() {
    return promptId;
  }

  int lunarMonth() {
    return lunarMonth;
  }

  int lunarDay() {
    return lunarDay;
  }
}
