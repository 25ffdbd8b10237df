package io.lectern.app.devdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The extra server settings of the embedded database (LMS_EMBEDDED_DB_SETTINGS). */
class EmbeddedDatabaseTest {

  @Test
  void settingsAreSeparatedBySemicolonsSoValuesMayHoldCommas() {
    assertThat(
            EmbeddedDatabase.extraSettings(
                " logging_collector=on ; shared_preload_libraries=a,b;;log_line_prefix=%m [%p] "))
        .containsExactly(
            java.util.Map.entry("logging_collector", "on"),
            java.util.Map.entry("shared_preload_libraries", "a,b"),
            java.util.Map.entry("log_line_prefix", "%m [%p]"));
  }

  @Test
  void noSpecificationMeansNoExtraSettings() {
    assertThat(EmbeddedDatabase.extraSettings(null)).isEmpty();
    assertThat(EmbeddedDatabase.extraSettings("  ")).isEmpty();
  }

  @Test
  void anItemWithoutANameIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> EmbeddedDatabase.extraSettings("fsync"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LMS_EMBEDDED_DB_SETTINGS")
        .hasMessageContaining("fsync");
    assertThatThrownBy(() -> EmbeddedDatabase.extraSettings("=on"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
