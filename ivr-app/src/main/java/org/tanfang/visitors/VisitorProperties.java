package org.tanfang.visitors;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Human visitors' settings ({@code tanfang.visitors.*}); README "Visitors" and "The health rule".
 *
 * @param homeVisitWhen the health rule: answers ({@code AREA:INTENT}) that turn an elder's next
 *     visits into home visits by their visitor until a visit finds them well; empty turns it off
 */
@ConfigurationProperties("tanfang.visitors")
public record VisitorProperties(
    @DefaultValue({"HEALTH:UNWELL", "SPECIAL:NEEDS"}) List<String> homeVisitWhen) {

  public VisitorProperties {
    homeVisitWhen = homeVisitWhen == null ? List.of() : List.copyOf(homeVisitWhen);
    for (String rule : homeVisitWhen) {
      if (!rule.matches("[A-Z_]+:[A-Z_]+")) {
        throw new IllegalArgumentException(
            "tanfang.visitors.home-visit-when: expected AREA:INTENT, got " + rule);
      }
    }
  }
}
