package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.ApiConnectionException;
import io.eventsync.ServerException;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CloseReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TailReporterTest {
  private final StringWriter err = new StringWriter();
  private final AtomicInteger stops = new AtomicInteger();
  private final TailReporter reporter =
      new TailReporter(new PrintWriter(err, true), "http://localhost:1", stops::incrementAndGet);

  private static ApiConnectionException refused() {
    return new ApiConnectionException(
        "POST http://localhost:1/x failed: java.net.ConnectException: Connection refused",
        new ConnectException("Connection refused"),
        4);
  }

  @Test
  void aFailureStreakIsOneLineThenFewerAndANewStreakIsSaidAgain() {
    reporter.batchFetched("q", 3, 0);
    for (int i = 1; i <= 5; i++) {
      reporter.fetchFailed("q", refused(), Duration.ofSeconds(1L << (i - 1)));
    }
    reporter.batchFetched("q", 1, 0);
    reporter.fetchFailed("q", refused(), Duration.ofMillis(500));

    assertThat(err.toString().lines())
        .containsExactly(
            "eventsync: cannot reach http://localhost:1 (Connection refused); retrying in 1 s"
                + " (attempt 1)",
            "eventsync: cannot reach http://localhost:1 (Connection refused); retrying in 2 s"
                + " (attempt 2)",
            "eventsync: cannot reach http://localhost:1 (Connection refused); retrying in 8 s"
                + " (attempt 4)",
            "eventsync: cannot reach http://localhost:1 (Connection refused); retrying in 500 ms"
                + " (attempt 1)");
    assertThat(stops).hasValue(0);
  }

  @Test
  void anUnknownHostAndATlsFailureAreSaidInPlainWords() {
    reporter.batchFetched("q", 0, 0);
    reporter.fetchFailed(
        "q",
        new ApiConnectionException("x", new java.net.UnknownHostException("nowhere.invalid"), 4),
        Duration.ofSeconds(1));
    reporter.batchFetched("q", 0, 0);
    reporter.fetchFailed(
        "q",
        new ApiConnectionException(
            "x", new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"), 4),
        Duration.ofSeconds(1));

    assertThat(err.toString().lines())
        .containsExactly(
            "eventsync: cannot reach http://localhost:1 (unknown host nowhere.invalid); retrying in"
                + " 1 s (attempt 1)",
            "eventsync: cannot reach http://localhost:1 (TLS failed: Unsupported or unrecognized SSL"
                + " message; if the server speaks plain HTTP, use an http:// URL); retrying in 1 s"
                + " (attempt 1)");
  }

  @Test
  void aFirstContactThatCannotConnectStopsTheRunWithOneLine() {
    reporter.fetchFailed("q", refused(), Duration.ofSeconds(1));
    reporter.fetchFailed("q", refused(), Duration.ofSeconds(2));

    assertThat(stops).hasValue(1);
    assertThat(err.toString()).isEmpty();
    assertThat(reporter.unreachableLine())
        .isEqualTo(
            "eventsync: cannot reach http://localhost:1 (Connection refused); check --base-url and"
                + " that the server is running");
  }

  @Test
  void aServerErrorBeforeTheFirstBatchIsRetriedAndSaid() {
    reporter.fetchFailed(
        "q",
        new ServerException(
            "POST http://localhost:1/x -> HTTP 500", 500, null, null, null, null, 4),
        Duration.ofSeconds(8));

    assertThat(stops).hasValue(0);
    assertThat(err.toString())
        .isEqualTo(
            "eventsync: fetching from http://localhost:1 failed: POST http://localhost:1/x -> HTTP"
                + " 500 (after 4 attempts); retrying in 8 s (attempt 1)\n");
  }

  @Test
  void aStopSaysWhatWasKeptAndWhatWasAbandoned() {
    Checkpoint stored = Checkpoint.of("ack-7", java.util.List.of(), 3);

    assertThat(TailReporter.stopped(new CloseReport(true, 12, stored, 0)))
        .isEqualTo(
            "eventsync: stopped after 12 events; the cursor is stored and nothing was abandoned");
    assertThat(TailReporter.stopped(new CloseReport(true, 0, Checkpoint.initial(), 0)))
        .isEqualTo("eventsync: stopped before any event; nothing was abandoned");
    assertThat(
            TailReporter.stopped(
                new CloseReport(true, 0, Checkpoint.initial(), 0, CloseReport.Abandoned.FETCH)))
        .isEqualTo(
            "eventsync: stopped before any event; the fetch in flight was cancelled (nothing of it"
                + " was printed)");
    assertThat(
            TailReporter.stopped(new CloseReport(false, 1, stored, 1, CloseReport.Abandoned.EVENT)))
        .isEqualTo(
            "eventsync: stopped after 1 event; the cursor is stored; the event being printed did"
                + " not finish and was abandoned: the next run prints it again (1 poller thread"
                + " still running)");
    assertThat(
            TailReporter.stopped(
                new CloseReport(false, 3, stored, 0, CloseReport.Abandoned.COMMIT)))
        .isEqualTo(
            "eventsync: stopped after 3 events; the cursor is stored; the last commit did not"
                + " finish: the next run may print again what this run printed after the stored"
                + " cursor");
  }
}
