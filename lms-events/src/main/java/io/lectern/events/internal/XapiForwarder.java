package io.lectern.events.internal;

import io.lectern.events.internal.XapiClient.Answer;
import io.lectern.events.internal.XapiTasks.Claimed;
import io.lectern.shared.lifecycle.SchemaMigrated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards learning events to the configured LRS (off unless {@code LMS_XAPI_ENDPOINT} is set).
 * Each run claims batches from the head of the xAPI queue and POSTs their statements as one array.
 * A 409 means the LRS already has those ids (a retry after a lost answer): delivered. A 400 on a
 * batch is narrowed down event by event, so one statement the LRS refuses is set aside (status
 * failed, with the LRS's reason) and the rest goes on. Anything else (LRS down, 5xx, 429, wrong
 * credentials) is retried with exponential backoff and jitter and never given up: the order is
 * kept, so everything behind waits, and nothing is lost over an outage.
 */
@ApplicationScoped
public class XapiForwarder {

  private static final Logger LOG = Logger.getLogger(XapiForwarder.class.getName());

  /** Bounds one run, so a large backlog does not keep the scheduler thread forever. */
  static final int MAX_BATCHES_PER_RUN = 20;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject XapiSettings settings;
  @Inject XapiTasks tasks;
  @Inject XapiClient client;
  @Inject Clock clock;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Priority(620) SchemaMigrated migrated) {
    if (!settings.enabled()) {
      return;
    }
    LOG.info(() -> "Forwarding learning events as " + settings.values());
    long every = settings.values().poll().toMillis();
    schedule = scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
  }

  void runOnce() {
    try {
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        List<Claimed> batch = tasks.claim(settings.values().batchSize(), lease());
        if (batch.isEmpty() || !deliver(batch)) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "xAPI forwarding run failed; it runs again later", e);
    }
  }

  /** Sends one claimed batch and settles it; false when it has to wait for a retry. */
  boolean deliver(List<Claimed> batch) {
    List<JsonObject> statements = new ArrayList<>();
    for (Claimed c : batch) {
      statements.addAll(XapiStatements.of(c.event(), settings.values().baseIri()));
    }
    if (statements.isEmpty()) {
      tasks.done(batch);
      return true;
    }
    Answer answer = client.post(statements);
    switch (answer.outcome()) {
      case STORED -> {
        tasks.done(batch);
        return true;
      }
      case CONFLICT, REJECTED -> {
        if (batch.size() > 1) {
          // A batch is stored whole or not at all: find the event at fault one by one, in order.
          return narrow(batch);
        }
        if (answer.outcome() == XapiClient.Outcome.CONFLICT) {
          tasks.done(batch); // the LRS has these ids already: sent before, answer lost
        } else {
          LOG.warning(
              () ->
                  "The LRS refused the statements of event "
                      + batch.get(0).event().id()
                      + " ("
                      + batch.get(0).event().type()
                      + "); set aside: "
                      + answer.detail());
          tasks.rejected(batch, answer.detail());
        }
        return true;
      }
      default -> {
        Duration wait =
            Dispatcher.backoff(
                batch.get(0).attempts(),
                settings.values().retryBase(),
                settings.values().retryMax());
        LOG.log(
            batch.get(0).attempts() > 3 ? Level.WARNING : Level.INFO,
            () ->
                "LRS did not take "
                    + batch.size()
                    + " events; retried in "
                    + wait
                    + ": "
                    + answer.detail());
        tasks.retry(batch, clock.instant().plus(wait), answer.detail());
        return false;
      }
    }
  }

  private boolean narrow(List<Claimed> batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (!deliver(List.of(batch.get(i)))) {
        List<Claimed> behind = batch.subList(i + 1, batch.size());
        if (!behind.isEmpty()) {
          // Released at once; they still wait behind the event that backs off.
          tasks.retry(behind, clock.instant(), "Waiting behind event " + batch.get(i).event().id());
        }
        return false;
      }
    }
    return true;
  }

  /** Longer than sending a batch can take, even narrowed down one event at a time. */
  private Duration lease() {
    Duration perRequest = settings.values().timeout().plusSeconds(1);
    Duration whole = perRequest.multipliedBy(settings.values().batchSize() + 1L);
    return whole.compareTo(Duration.ofMinutes(2)) > 0 ? whole : Duration.ofMinutes(2);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
