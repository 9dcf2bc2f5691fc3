package org.tanfang.registry;

/** The person responsible for home visits to this elder (grid worker, social worker, relative). */
public record HumanVisitor(String name, String role, String phone) {}
