package io.lectern.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {

  /** Which modules each module may use (besides itself and lms-shared), as the design says. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "shared", Set.of(),
          "users", Set.of(),
          "courses", Set.of("users"),
          "enrollment", Set.of("users", "courses"),
          "quiz", Set.of("users", "courses", "enrollment"),
          "certificates", Set.of("users", "courses", "enrollment"),
          "tutorials", Set.of("users"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lectern");
    assertThat(classes.stream().map(JavaClass::getPackageName))
        .as("the import sees every module with code")
        .anyMatch(p -> p.startsWith("io.lectern.users"))
        .anyMatch(p -> p.startsWith("io.lectern.app"))
        .anyMatch(p -> p.startsWith("io.lectern.shared"));
  }

  @Test
  void modulesTouchEachOtherOnlyThroughTheirApiPackages() {
    for (String module : ALLOWED.keySet()) {
      if (module.equals("shared")) {
        continue;
      }
      noClasses()
          .that()
          .resideOutsideOfPackage("io.lectern." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.lectern." + module + ".internal..", "io.lectern." + module + ".web..")
          .because("other modules may only use io.lectern." + module + ".api")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void modulesUseOnlyTheModulesTheyAreAllowedTo() {
    for (var entry : ALLOWED.entrySet()) {
      String module = entry.getKey();
      List<String> forbidden = new ArrayList<>();
      for (String other : ALLOWED.keySet()) {
        if (!other.equals(module) && !other.equals("shared") && !entry.getValue().contains(other)) {
          forbidden.add("io.lectern." + other + "..");
        }
      }
      forbidden.add("io.lectern.app..");
      if (module.equals("shared")) {
        forbidden.addAll(
            ALLOWED.keySet().stream()
                .filter(m -> !m.equals("shared"))
                .map(m -> "io.lectern." + m + "..")
                .toList());
      }
      noClasses()
          .that()
          .resideInAPackage("io.lectern." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(String[]::new))
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void modulesFormNoCycles() {
    slices().matching("io.lectern.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyEntityAndConverterIsListedInThePersistenceUnit() throws IOException {
    String persistenceXml;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
      assertThat(in).as("persistence.xml on the class path").isNotNull();
      persistenceXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<JavaClass> mapped =
        classes.stream()
            .filter(c -> c.isAnnotatedWith(Entity.class) || c.isAnnotatedWith(Converter.class))
            .toList();
    assertThat(mapped).isNotEmpty();
    for (JavaClass type : mapped) {
      assertThat(persistenceXml)
          .as("persistence.xml lists %s", type.getName())
          .contains("<class>" + type.getName() + "</class>");
    }
  }

  @Test
  void everyEndpointDeclaresWhoMayCallIt() {
    List<String> undeclared = new ArrayList<>();
    int endpoints = 0;
    for (JavaClass type : classes) {
      for (JavaMethod method : type.getMethods()) {
        boolean endpoint =
            method.isAnnotatedWith(GET.class)
                || method.isAnnotatedWith(POST.class)
                || method.isAnnotatedWith(PUT.class)
                || method.isAnnotatedWith(PATCH.class)
                || method.isAnnotatedWith(DELETE.class);
        if (!endpoint) {
          continue;
        }
        endpoints++;
        if (!declaresAccess(method) && !declaresAccessClass(type)) {
          undeclared.add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertThat(endpoints).isGreaterThan(5);
    assertThat(undeclared).as("endpoints without @PermitAll/@RolesAllowed/@DenyAll").isEmpty();
  }

  private static boolean declaresAccess(JavaMethod method) {
    return method.isAnnotatedWith(PermitAll.class)
        || method.isAnnotatedWith(RolesAllowed.class)
        || method.isAnnotatedWith(DenyAll.class);
  }

  private static boolean declaresAccessClass(JavaClass type) {
    return type.isAnnotatedWith(PermitAll.class)
        || type.isAnnotatedWith(RolesAllowed.class)
        || type.isAnnotatedWith(DenyAll.class);
  }
}
