package org.tanfang.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tanfang.registry.RegistryProperties;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/**
 * The API's list parameters, refused with 400 instead of silently changed: a page below 0, a page
 * size or limit outside 1…its maximum, a district that is not one of {@code
 * tanfang.registry.districts} (it would only ever give an empty list). Every problem at once.
 */
@Component
class QueryChecks {
  private final RegistryProperties registry;

  QueryChecks(RegistryProperties registry) {
    this.registry = registry;
  }

  /** Starts a check; {@link Check#done()} throws if anything was wrong. */
  Check check() {
    return new Check();
  }

  final class Check {
    private final List<FieldProblem> problems = new ArrayList<>();

    Check page(int page) {
      if (page < 0) {
        problems.add(FieldProblem.of("page", "param.range", 0, Integer.MAX_VALUE));
      }
      return this;
    }

    Check size(String field, Integer size, int max) {
      if (size != null && (size < 1 || size > max)) {
        problems.add(FieldProblem.of(field, "param.range", 1, max));
      }
      return this;
    }

    Check district(String district) {
      if (district != null
          && !district.isBlank()
          && !registry.districts().contains(district.strip())) {
        problems.add(FieldProblem.of("district", "district.unknown", district.strip()));
      }
      return this;
    }

    void done() {
      if (!problems.isEmpty()) {
        throw new InvalidInputException("invalid list parameters", problems);
      }
    }
  }
}
