package org.tanfang.registry;

import org.springframework.data.relational.core.mapping.Table;
import org.tanfang.scheduler.elder.Category;

/** One category of an elder (a row of {@code elder_category}). */
@Table("elder_category")
public record CategoryRef(Category category) {}
