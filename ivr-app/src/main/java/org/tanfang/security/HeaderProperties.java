package org.tanfang.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security headers on every response (README "Privacy and access", "Behind HTTPS").
 *
 * @param contentSecurityPolicy for the application's pages and API: scripts, styles, images, audio
 *     and connections from this origin only, no framing, forms post only here
 * @param swaggerContentSecurityPolicy for the Swagger UI, which needs inline styles
 * @param referrerPolicy what a link to another site learns of the page it came from
 */
@ConfigurationProperties("tanfang.security.headers")
public record HeaderProperties(
    @DefaultValue(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " media-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none';"
                + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
        String contentSecurityPolicy,
    @DefaultValue(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; object-src 'none'; base-uri 'self';"
                + " frame-ancestors 'none'")
        String swaggerContentSecurityPolicy,
    @DefaultValue("same-origin") String referrerPolicy) {}
