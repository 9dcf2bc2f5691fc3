package org.tanfang.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code tanfang.security.*} besides the initial admin password).
 *
 * @param rememberMeValidity how long "keep me signed in" lasts (a working day)
 * @param rememberMeKey the secret that signs remember-me cookies; empty: one is generated at the
 *     first start and kept in {@code app_setting}, so it is shared by every node of a cluster
 */
@ConfigurationProperties("tanfang.security")
public record SecurityProperties(
    @DefaultValue("12h") Duration rememberMeValidity, @DefaultValue("") String rememberMeKey) {}
