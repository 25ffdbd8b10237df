package io.lectern.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.lectern.shared.module.ApplicationModule;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {

  /** Which modules each module may use besides lms-shared, read from their declarations. */
  private static Map<String, Set<String>> allowed;

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
    allowed = new TreeMap<>();
    for (String module : moduleNames()) {
      allowed.put(module, Set.of(declaration(module).allowedDependencies()));
    }
  }

  /** Every module with code: the packages right under io.lectern, except the WAR's. */
  static Set<String> moduleNames() {
    Set<String> names = new TreeSet<>();
    for (JavaClass type : classes) {
      String[] parts = type.getPackageName().split("\\.");
      if (parts.length > 2 && !parts[2].equals("app")) {
        names.add(parts[2]);
      }
    }
    return names;
  }

  static ApplicationModule declaration(String module) {
    try {
      ApplicationModule declared =
          Class.forName("io.lectern." + module + ".package-info")
              .getAnnotation(ApplicationModule.class);
      assertThat(declared)
          .as("io.lectern.%s's package-info declares @ApplicationModule", module)
          .isNotNull();
      return declared;
    } catch (ClassNotFoundException e) {
      throw new AssertionError("io.lectern." + module + " has no package-info.java", e);
    }
  }

  @Test
  void modulesTouchEachOtherOnlyThroughTheirApiPackages() {
    for (String module : allowed.keySet()) {
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
    for (var entry : allowed.entrySet()) {
      String module = entry.getKey();
      List<String> forbidden = new ArrayList<>();
      for (String other : allowed.keySet()) {
        if (!other.equals(module) && !other.equals("shared") && !entry.getValue().contains(other)) {
          forbidden.add("io.lectern." + other + "..");
        }
      }
      forbidden.add("io.lectern.app..");
      if (module.equals("shared")) {
        forbidden.addAll(
            allowed.keySet().stream()
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

  /**
   * The WAR has two persistence units (the primary and the read replica): an injection point that
   * names none fails the deployment, so each one says which it means.
   */
  @Test
  void everyPersistenceContextNamesItsUnit() {
    List<String> unnamed = new ArrayList<>();
    int injected = 0;
    for (JavaClass type : classes) {
      for (var field : type.getFields()) {
        if (field.isAnnotatedWith(PersistenceContext.class)) {
          injected++;
          if (field.getAnnotationOfType(PersistenceContext.class).unitName().isEmpty()) {
            unnamed.add(type.getSimpleName() + "." + field.getName());
          }
        }
      }
    }
    assertThat(injected).isGreaterThan(5);
    assertThat(unnamed).as("@PersistenceContext without unitName").isEmpty();
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

  @Test
  void everyDeclaredDependencyIsAModuleAndThePomsSayTheSame() throws IOException {
    for (var entry : allowed.entrySet()) {
      assertThat(allowed.keySet())
          .as("dependencies declared by %s", entry.getKey())
          .containsAll(entry.getValue());
      Set<String> expected = new TreeSet<>();
      entry.getValue().forEach(m -> expected.add("lms-" + m));
      if (!entry.getKey().equals("shared")) {
        expected.add("lms-shared");
      }
      String pom = Files.readString(Path.of("..", "lms-" + entry.getKey(), "pom.xml"));
      String dependencies =
          pom.contains("<dependencies>")
              ? pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"))
              : "";
      Set<String> declaredInPom = new TreeSet<>();
      Matcher artifact =
          Pattern.compile("<artifactId>(lms-[a-z]+)</artifactId>").matcher(dependencies);
      while (artifact.find()) {
        declaredInPom.add(artifact.group(1));
      }
      assertThat(declaredInPom)
          .as("lms-%s/pom.xml module dependencies", entry.getKey())
          .isEqualTo(expected);
    }
  }

  @Test
  void theReadmeModuleTableSaysWhatTheModulesDeclare() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Modules"));
    Map<String, String[]> rows = new TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `lms-([a-z]+)` \\| (.*) \\| (.*) \\|$").matcher(section);
    while (row.find()) {
      rows.put(row.group(1), new String[] {row.group(2), row.group(3)});
    }
    for (String module : allowed.keySet()) {
      assertThat(rows).as("the README's module table has lms-%s", module).containsKey(module);
      ApplicationModule declared = declaration(module);
      assertThat(rows.get(module)[0]).as("what lms-%s owns", module).isEqualTo(declared.owns());
      String mayUse =
          module.equals("shared")
              ? "Jakarta EE / MicroProfile APIs"
              : Stream.concat(
                      Stream.of("shared"),
                      Stream.of(declared.allowedDependencies()).map(m -> m + ".api"))
                  .collect(Collectors.joining(", "));
      assertThat(rows.get(module)[1]).as("what lms-%s may use", module).isEqualTo(mayUse);
    }
  }
}
