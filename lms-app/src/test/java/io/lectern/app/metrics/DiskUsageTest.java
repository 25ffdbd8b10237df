package io.lectern.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {

  @TempDir Path temp;

  @Test
  void usedIsMeasuredAgainstWhatTheServerCanStillWriteAsDfShowsIt() {
    // 1000 blocks, 750 free of which 250 usable (500 reserved): 250 used of 250 + 250.
    assertThat(DiskUsage.usedRatio(1000, 750, 250)).isCloseTo(0.5, within(1e-12));
    assertThat(DiskUsage.usedRatio(1000, 1000, 1000)).isZero();
    assertThat(DiskUsage.usedRatio(1000, 300, 0)).isEqualTo(1.0);
    assertThat(DiskUsage.usedRatio(1000, 200, 200)).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void oddFileSystemAnswersStayWithinBounds() {
    assertThat(DiskUsage.usedRatio(0, 0, 0)).isNaN();
    assertThat(DiskUsage.usedRatio(1000, 2000, 2000)).isZero();
    assertThat(DiskUsage.usedRatio(1000, -1, -1)).isEqualTo(1.0);
  }

  @Test
  void aDataFolderNotCreatedYetIsMeasuredOnItsParent() throws IOException {
    Path missing = temp.resolve("not/yet/there");
    assertThat(DiskUsage.nearestExisting(missing)).isEqualTo(temp.toAbsolutePath().normalize());
    assertThat(DiskUsage.usedRatio(missing)).isEqualTo(DiskUsage.usedRatio(temp));
  }

  @Test
  void theRealFileSystemReportsARatio() throws IOException {
    Files.writeString(temp.resolve("file"), "x");
    assertThat(DiskUsage.usedRatio(temp)).isBetween(0.0, 1.0);
  }
}
