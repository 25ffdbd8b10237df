package io.lectern.app.metrics;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A value that costs a database query or a file system call, read by every scrape of /metrics. A
 * read never waits: it returns the last value loaded and, when the last attempt started at least
 * one interval ago and none is running, hands one load to the executor. A failed load keeps the
 * last value. So a database that is down, slow or out of connections never makes /metrics slow or
 * fail, and is asked at most once per interval, only while someone reads the value.
 */
final class Refreshed<T> {

  /** Loads the current value; may fail. */
  @FunctionalInterface
  interface Source<T> {
    T load() throws Exception;
  }

  private static final Logger LOG = Logger.getLogger(Refreshed.class.getName());

  private final String name;
  private final Source<T> source;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final AtomicBoolean running = new AtomicBoolean();

  private volatile T value;

  /** Whether the last completed load succeeded; null before the first one completes. */
  private volatile Boolean lastSucceeded;

  private volatile boolean attempted;
  private volatile long attemptStarted;

  Refreshed(String name, Source<T> source, Executor executor, Duration interval) {
    this(name, source, executor, interval, System::nanoTime);
  }

  Refreshed(
      String name, Source<T> source, Executor executor, Duration interval, LongSupplier nanoTime) {
    this.name = name;
    this.source = source;
    this.executor = executor;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The last value loaded (null if none yet); starts a load in the background when one is due. */
  T get() {
    refreshIfDue();
    return value;
  }

  /**
   * Whether the value is current: the last load succeeded and no load has been hanging for more
   * than two intervals. Null before the first load completes.
   */
  Boolean current() {
    refreshIfDue();
    if (running.get() && nanoTime.getAsLong() - attemptStarted > 2 * intervalNanos) {
      return false;
    }
    return lastSucceeded;
  }

  private void refreshIfDue() {
    if (attempted && nanoTime.getAsLong() - attemptStarted < intervalNanos) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      return;
    }
    // Checked again under the flag: another reader may have just finished a load.
    long now = nanoTime.getAsLong();
    if (attempted && now - attemptStarted < intervalNanos) {
      running.set(false);
      return;
    }
    attemptStarted = now;
    attempted = true;
    try {
      executor.execute(this::load);
    } catch (RejectedExecutionException e) {
      // The application is stopping; the next read tries again.
      attempted = false;
      running.set(false);
    }
  }

  private void load() {
    try {
      T loaded = source.load();
      value = loaded;
      if (Boolean.FALSE.equals(lastSucceeded)) {
        LOG.info(name + " can be read again");
      }
      lastSucceeded = true;
    } catch (Exception | LinkageError e) {
      if (!Boolean.FALSE.equals(lastSucceeded)) {
        LOG.warning(name + " cannot be read; metrics keep the last value: " + e);
      }
      LOG.log(Level.FINE, name + " cannot be read", e);
      lastSucceeded = false;
    } finally {
      running.set(false);
    }
  }
}
