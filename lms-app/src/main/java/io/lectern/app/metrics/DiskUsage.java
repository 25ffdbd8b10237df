package io.lectern.app.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** How full the file system holding a folder is. */
final class DiskUsage {

  private DiskUsage() {}

  /**
   * Used share of the file system that holds {@code folder} (or, while the folder does not exist
   * yet, its nearest existing parent), as {@code df} shows it: used / (used + available), where
   * space reserved for the superuser counts as neither. It reaches 1 when the server can write
   * nothing more.
   */
  static double usedRatio(Path folder) throws IOException {
    FileStore store = Files.getFileStore(nearestExisting(folder));
    return usedRatio(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
  }

  static double usedRatio(long totalBytes, long freeBytes, long usableBytes) {
    long used = Math.max(0, totalBytes - Math.max(0, freeBytes));
    long usable = Math.max(0, usableBytes);
    if (used + usable <= 0) {
      return Double.NaN;
    }
    return Math.min(1.0, (double) used / (used + usable));
  }

  static Path nearestExisting(Path folder) throws IOException {
    Path candidate = folder.toAbsolutePath().normalize();
    while (candidate != null && !Files.exists(candidate)) {
      candidate = candidate.getParent();
    }
    if (candidate == null) {
      throw new IOException("no existing folder above " + folder);
    }
    return candidate;
  }
}
