package io.eventsync.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks by key: the tasks of one key run one after another, in the order they were given;
 * tasks of other keys run in parallel, at most {@code parallelism} at a time, on the given {@link
 * Executor} (which may be shared with others: this class holds no thread of its own, and a key with
 * nothing to run takes no thread). Thread-safe.
 *
 * <p>A task should catch its own failures: one that throws anyway is logged and the key's next task
 * runs.
 */
public final class KeyedSequentialExecutor {
  private static final Logger log = LoggerFactory.getLogger(KeyedSequentialExecutor.class);

  private final Executor executor;
  private final int parallelism;
  private final Object lock = new Object();

  /** The keys with work, each with its tasks not yet started; guarded by {@link #lock}. */
  private final Map<Object, ArrayDeque<Runnable>> lanes = new HashMap<>();

  /** The keys with work that no runner has taken yet, oldest first. */
  private final ArrayDeque<Object> ready = new ArrayDeque<>();

  private int runners;

  /**
   * Creates the executor.
   *
   * @param executor runs the lanes; each lane occupies one of its threads while it has tasks
   * @param parallelism how many keys may run at once, at least 1
   */
  public KeyedSequentialExecutor(Executor executor, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1 but was " + parallelism);
    }
    this.executor = executor;
    this.parallelism = parallelism;
  }

  /**
   * Runs {@code task} after every task given earlier for the same {@code key}.
   *
   * @throws RejectedExecutionException if the underlying executor refused to start a runner (it was
   *     shut down); the task is then not run
   */
  public void execute(Object key, Runnable task) {
    synchronized (lock) {
      ArrayDeque<Runnable> lane = lanes.get(key);
      if (lane != null) {
        lane.add(task); // the key's runner takes it after the ones before it
        return;
      }
      lane = new ArrayDeque<>(4);
      lane.add(task);
      lanes.put(key, lane);
      ready.add(key);
      if (runners >= parallelism) {
        return; // a runner takes the key once it is done with its own
      }
      runners++;
    }
    try {
      executor.execute(this::runLanes);
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        runners--;
        lanes.remove(key);
        ready.remove(key);
      }
      throw e;
    }
  }

  /** Returns how many tasks were given and have not started yet. */
  public int pending() {
    synchronized (lock) {
      int pending = 0;
      for (ArrayDeque<Runnable> lane : lanes.values()) {
        pending += lane.size();
      }
      return pending;
    }
  }

  /**
   * Drops every task that has not started yet and returns how many were dropped; tasks that are
   * running finish.
   */
  public int discardPending() {
    synchronized (lock) {
      int dropped = 0;
      for (ArrayDeque<Runnable> lane : lanes.values()) {
        dropped += lane.size();
        lane.clear();
      }
      return dropped;
    }
  }

  /** Takes ready keys and runs each one's tasks until it has none; ends when no key is ready. */
  private void runLanes() {
    while (true) {
      Object key;
      ArrayDeque<Runnable> lane;
      synchronized (lock) {
        key = ready.poll();
        if (key == null) {
          runners--;
          return;
        }
        lane = lanes.get(key);
      }
      while (true) {
        Runnable task;
        synchronized (lock) {
          task = lane.poll();
          if (task == null) {
            lanes.remove(key); // the next task of this key starts a new lane
            break;
          }
        }
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          log.warn("a task of key {} threw; the key's next task runs", key, e);
        }
      }
    }
  }
}
