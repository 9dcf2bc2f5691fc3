package org.tanfang.registry;

import org.springframework.data.relational.core.mapping.Table;

/** An alternate phone, tried after the primary one in list order. */
@Table("elder_phone")
public record AlternatePhone(String number) {}
