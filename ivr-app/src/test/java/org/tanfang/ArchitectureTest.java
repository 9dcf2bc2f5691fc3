package org.tanfang;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The package rules of DESIGN.md, checked on ivr-app's compiled production classes: features import
 * each other one way; nothing in production imports {@code web}, {@code simulator} or {@code demo};
 * every controller is in {@code web}; time comes from the application clock. A rule that must
 * tolerate an existing violation names it, with why and until when, as a narrow exception here —
 * never as a broad package exclusion.
 */
class ArchitectureTest {
  private static final String MAIN_CLASSES =
      TanfangApplication.class.getProtectionDomain().getCodeSource().getLocation().toString();

  /** ivr-app's production classes (not its tests, not the scheduler or asterisk-sim modules). */
  static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(location -> location.asURI().toString().startsWith(MAIN_CLASSES))
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.tanfang");

  /** Each {@code org.tanfang.<feature>} with its subpackages is one slice. */
  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("org.tanfang.(*)..").should().beFreeOfCycles().check(PRODUCTION);
  }

  @Test
  void onlyWebDependsOnWeb() {
    onlyItselfDependsOn("web");
  }

  @Test
  void onlySimulatorDependsOnSimulator() {
    onlyItselfDependsOn("simulator");
  }

  @Test
  void onlyDemoDependsOnDemo() {
    onlyItselfDependsOn("demo");
  }

  /** The application class may wire anything; every other class stays out of the package. */
  private static void onlyItselfDependsOn(String feature) {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.tanfang." + feature + "..")
        .and()
        .doNotBelongToAnyOf(TanfangApplication.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.tanfang." + feature + "..")
        .check(PRODUCTION);
  }

  @Test
  void controllersLiveInWeb() {
    DescribedPredicate<JavaClass> controllers =
        metaAnnotatedWith(Controller.class)
            .or(metaAnnotatedWith(ControllerAdvice.class))
            .forSubtype();
    classes().that(controllers).should().resideInAPackage("org.tanfang.web..").check(PRODUCTION);
  }

  /**
   * Local days, months and windows come from the application {@code Clock} (tests move it) in the
   * one zone {@code tanfang.zone}; only {@code system} builds clocks from the system's time.
   */
  @Test
  void timeComesFromTheApplicationClock() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.tanfang.system..")
        .should()
        .callMethod(ZoneId.class, "of", String.class)
        .orShould()
        .callMethod(ZoneId.class, "systemDefault")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .orShould()
        .callMethod(Clock.class, "system", ZoneId.class)
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(LocalTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(YearMonth.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callConstructor(Date.class)
        .check(PRODUCTION);
  }

  // --- Table ownership -------------------------------------------------------------------------
  // Only org.tanfang.visits writes V2's tables (visit, call_attempt, visit_answer). ArchUnit sees
  // classes, not SQL text, so that rule is visits.VisitTablesOwnerTest, which scans the sources.
}
