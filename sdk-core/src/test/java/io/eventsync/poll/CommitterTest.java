package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommitterTest {
  private final FakeQueue queue = new FakeQueue(10);

  private PollerParts<FakeQueue.Event> parts(CursorStore store, Lease lease) {
    PollerBuilder<FakeQueue.Event> b =
        new PollerBuilder<>(
                queue,
                new MutableClock(Instant.parse("2026-12-01T00:00:00Z")),
                new RecordingSleeper())
            .cursorStore(store)
            .handler(event -> {});
    if (lease != null) {
      b.lease(lease);
    }
    return new PollerParts<>(b);
  }

  private static PolledEvent<FakeQueue.Event> event(String id) {
    return new PolledEvent<>(new FakeQueue.Event(id, "k", 0, null), id, "TEST", null, null);
  }

  @Test
  void endingABatchCommitsItsNextPositionAndTellsTheListenerTheCommitTime() {
    PollerParts<FakeQueue.Event> parts = parts(CursorStore.inMemory(), null);
    Committer committer = parts.committer;
    assertThat(committer.resume().position()).isNull();

    committer.markDone(List.of(event("e0"), event("e1")), false);
    committer.endBatch(true, "p1", List.of(), false);

    assertThat(committer.lastCommitted().position()).isEqualTo("p1");
    assertThat(committer.checkpoint().position()).isEqualTo("p1");
    assertThat(parts.heard.calls).containsExactly("committed p1");
    assertThat(parts.heard.commitTimes).hasSize(1).allMatch(time -> !time.isNegative());
  }

  @Test
  void anIncompleteBatchCommitsOnlyTheEventsDoneAndKeepsThePosition() {
    Committer committer = parts(CursorStore.inMemory(), null).committer;
    committer.resume();

    committer.markDone(List.of(event("e0")), false);
    committer.endBatch(false, "p1", List.of(), false);

    Checkpoint stored = committer.lastCommitted();
    assertThat(stored.position()).isNull();
    assertThat(stored.doneIds()).containsExactly("e0");
  }

  @Test
  void anOverlappedCommitIsSettledBeforeTheNextPositionIsHandedOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean stored = new AtomicBoolean();
    CursorStore slow = slowStore(release, stored);
    Committer committer = parts(slow, null).committer;
    committer.resume();
    committer.markDone(List.of(event("e0")), false);
    committer.endBatch(true, "p1", List.of(), true); // returns before the store has committed

    assertThat(stored).isFalse();
    Thread releaser = new Thread(release::countDown);
    releaser.start();
    Checkpoint next = committer.settle();

    assertThat(stored).isTrue();
    assertThat(next.position()).isEqualTo("p1");
    assertThat(committer.lastCommitted().position()).isEqualTo("p1");
    committer.shutdown();
  }

  @Test
  void aRefusedCommitHaltsThePollerWithTheStoresMessage() {
    CursorStore refusing =
        new Wrapped() {
          @Override
          public Checkpoint commit(String stream, Checkpoint checkpoint, long fencingToken) {
            throw new CursorStoreException("disk full; free space and restart", null);
          }
        };
    PollerParts<FakeQueue.Event> parts = parts(refusing, null);
    parts.committer.resume();
    parts.committer.markDone(List.of(event("e0")), false);

    assertThatThrownBy(() -> parts.committer.endBatch(true, "p1", List.of(), false))
        .isInstanceOf(PollerHaltedException.class)
        .hasMessageContaining("cannot commit the checkpoint of stream \"fake\": disk full");
    assertThat(parts.lifecycle.state()).isEqualTo(PollerState.HALTED);
  }

  @Test
  void aTakeoverOfTheLeaseLoadsTheCursorAgainAndFencesCommitsWithTheNewEpoch() {
    SwitchableLease lease = new SwitchableLease();
    AtomicLong token = new AtomicLong(-1);
    CursorStore store =
        new Wrapped() {
          @Override
          public Checkpoint commit(String stream, Checkpoint checkpoint, long fencingToken) {
            token.set(fencingToken);
            return super.commit(stream, checkpoint, fencingToken);
          }
        };
    Committer committer = parts(store, lease).committer;
    assertThat(committer.holdLease()).isTrue();
    committer.resume();
    committer.markDone(List.of(event("e0")), false); // handled, not committed

    lease.epoch.set(2); // another holder had the lease in between
    assertThat(committer.holdLease()).isTrue();
    Checkpoint reloaded = committer.resume();
    committer.markDone(List.of(event("e1")), true);

    assertThat(reloaded.doneIds()).isEmpty(); // e0's uncommitted progress was dropped
    assertThat(token).hasValue(2);
  }

  /** The in-memory store, to be overridden where a test needs it. */
  private static class Wrapped implements CursorStore {
    private final CursorStore target = CursorStore.inMemory();

    @Override
    public Checkpoint load(String stream) {
      return target.load(stream);
    }

    @Override
    public Checkpoint commit(String stream, Checkpoint checkpoint) {
      return target.commit(stream, checkpoint);
    }

    @Override
    public Checkpoint commit(String stream, Checkpoint checkpoint, long fencingToken) {
      return target.commit(stream, checkpoint);
    }
  }

  private static CursorStore slowStore(CountDownLatch release, AtomicBoolean stored) {
    return new Wrapped() {
      @Override
      public Checkpoint commit(String stream, Checkpoint checkpoint, long fencingToken) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Checkpoint result = super.commit(stream, checkpoint, fencingToken);
        stored.set(true);
        return result;
      }
    };
  }
}
