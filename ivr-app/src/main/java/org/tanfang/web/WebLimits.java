package org.tanfang.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on every request (README "Limits on input"); fields have their own, tighter limits.
 *
 * @param maxBodySize largest request body that is not a file upload (uploads: {@code
 *     spring.servlet.multipart.*}); larger answers 413
 * @param maxTextLength longest text value anywhere in a JSON body
 * @param maxParamLength longest query or form parameter value
 */
@ConfigurationProperties("tanfang.web")
record WebLimits(
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("10000") int maxTextLength,
    @DefaultValue("2000") int maxParamLength) {}
