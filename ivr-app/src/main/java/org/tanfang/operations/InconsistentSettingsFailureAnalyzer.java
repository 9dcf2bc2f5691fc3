package org.tanfang.operations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the settings problems as Spring Boot's "APPLICATION FAILED TO START" report. */
class InconsistentSettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<InconsistentSettingsException> {
  @Override
  protected FailureAnalysis analyze(Throwable root, InconsistentSettingsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct the properties named above (README \"Settings checked at start-up\") and start"
            + " again.",
        cause);
  }
}
