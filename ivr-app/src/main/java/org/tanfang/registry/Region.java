package org.tanfang.registry;

/** Where an elder lives: 区 / 镇街 / 村居 / 网格. */
public record Region(String district, String street, String community, String grid) {}
