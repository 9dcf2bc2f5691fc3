package org.tanfang.speech;

/**
 * What a lexicon term does. Roles fall in groups; a term has at most one role per group, so {@code
 * 好} can be both FINE (meaning) and INTENSIFIER (modifier, as in 好痛 "very painful").
 */
enum Role {
  FINE(Group.MEANING),
  /** A generic bad word (不好, 不行); what it means depends on the question. */
  BAD(Group.MEANING),
  /** A health complaint (头痛, 不舒服). */
  UNWELL(Group.MEANING),
  /** Getting better (好多了); cancels complaints said before it. */
  RECOVERED(Group.MEANING),
  HELP(Group.MEANING),
  NEEDS(Group.MEANING),
  YES(Group.MEANING),
  NO(Group.MEANING),
  FILLER(Group.MEANING),
  /** Blocks a shorter term inside it (不好意思 hides 不好); means nothing itself. */
  NEUTRAL(Group.MEANING),
  CONFIRM_YES(Group.CONFIRM),
  CONFIRM_NO(Group.CONFIRM),
  NEGATOR(Group.MODIFIER),
  BRIDGE(Group.MODIFIER),
  INTENSIFIER(Group.MODIFIER),
  HEDGE(Group.MODIFIER),
  /** Words only for the recognition grammar (pronouns, "thank you"). */
  CARRIER(Group.GRAMMAR),
  /**
   * Distress-like evidence short of distress (流血 is HELP, 血 alone is ALARM): never decides the
   * intent, but asks a person to listen quickly ({@link Review#URGENT}) and forbids FINE.
   */
  ALARM(Group.ALARM);

  enum Group {
    MEANING,
    CONFIRM,
    MODIFIER,
    GRAMMAR,
    ALARM
  }

  private final Group group;

  Role(Group group) {
    this.group = group;
  }

  Group group() {
    return group;
  }

  /** Whether the role takes a need kind: NEEDS must, HELP may. */
  boolean takesKind() {
    return this == NEEDS || this == HELP;
  }

  /** The key naming this role in a lexicon file, e.g. {@code CONFIRM.YES}. */
  String key() {
    return name().replace('_', '.');
  }

  /**
   * The role named by a key such as {@code HELP}, {@code NEEDS.FOOD} or {@code CONFIRM.YES}, or
   * null; what follows the role's own key is the need kind, see {@link #kindPart}.
   */
  static Role fromKey(String key) {
    String base = key.startsWith("CONFIRM.") ? key : key.split("\\.", 2)[0];
    for (Role role : values()) {
      if (role.key().equals(base)) {
        return role;
      }
    }
    return null;
  }

  /** The part of a key after the role's own key ({@code FOOD} in {@code NEEDS.FOOD}), or null. */
  static String kindPart(Role role, String key) {
    return key.length() > role.key().length() ? key.substring(role.key().length() + 1) : null;
  }
}
