package org.tanfang.registry;

import org.springframework.data.relational.core.mapping.Table;

/** Someone to call when the elder cannot be reached, tried in list order. */
@Table("emergency_contact")
public record EmergencyContact(String name, String relation, String phone) {}
