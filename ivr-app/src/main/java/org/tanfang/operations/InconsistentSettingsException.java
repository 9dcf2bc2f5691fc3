package org.tanfang.operations;

import java.util.List;
import java.util.stream.Collectors;

/** Start-up refuses: settings that contradict each other, each naming the properties involved. */
public class InconsistentSettingsException extends RuntimeException {
  private final List<SettingsProblem> problems;

  InconsistentSettingsException(List<SettingsProblem> problems) {
    super(
        "Tanfang will not start: "
            + problems.size()
            + " inconsistent setting(s)"
            + problems.stream()
                .map(p -> "\n - " + String.join(", ", p.properties()) + ": " + p.message())
                .collect(Collectors.joining()));
    this.problems = List.copyOf(problems);
  }

  public List<SettingsProblem> problems() {
    return problems;
  }

  /** One contradiction: the properties to look at and what is wrong. */
  public record SettingsProblem(List<String> properties, String message) {
    public SettingsProblem {
      properties = List.copyOf(properties);
    }
  }
}
