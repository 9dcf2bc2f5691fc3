package org.tanfang.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Family notification calls for UNREACHABLE cases (README "Family notification"). Their calling
 * hours are {@code tanfang.scheduler.family-call-windows}.
 *
 * @param enabled call the emergency contacts of each newly opened UNREACHABLE case
 */
@ConfigurationProperties("tanfang.escalation.family")
public record FamilyNoticeProperties(@DefaultValue("true") boolean enabled) {}
