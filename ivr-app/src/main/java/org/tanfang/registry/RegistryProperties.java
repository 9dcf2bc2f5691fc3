package org.tanfang.registry;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registry rules that differ between deployments.
 *
 * @param districts the districts (区) elders may belong to; anything else is a typo
 * @param dialects dialect codes prompts exist for ({@code cmn} Mandarin, {@code hainan} Hainanese)
 * @param advancedAge age from which an elder counts as 高龄
 */
@ConfigurationProperties("tanfang.registry")
public record RegistryProperties(
    @DefaultValue({"龙华区", "美兰区", "秀英区", "琼山区"}) List<String> districts,
    @DefaultValue({"cmn", "hainan"}) List<String> dialects,
    @DefaultValue("80") int advancedAge) {}
