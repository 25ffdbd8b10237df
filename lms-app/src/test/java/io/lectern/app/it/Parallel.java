package io.lectern.app.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Sends many requests at the same moment, to check what the server does when they race. */
final class Parallel {

  interface Call {
    Reply send();
  }

  private Parallel() {}

  static List<Reply> run(List<Call> calls, Duration timeout) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch ready = new CountDownLatch(calls.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (Call call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return call.send();
                }));
      }
      ready.await(timeout.toSeconds(), TimeUnit.SECONDS);
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> future : futures) {
        replies.add(future.get(timeout.toSeconds(), TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }
}
