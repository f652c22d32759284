package io.eventsync.poll;

/** Builds the conflict message shared by the stores. */
final class Conflicts {
  private Conflicts() {}

  static CheckpointConflictException conflict(
      String stream, long expected, long actual, String where) {
    return new CheckpointConflictException(
        "checkpoint of stream \""
            + stream
            + "\" in "
            + where
            + " is at version "
            + actual
            + " but this writer expected "
            + expected
            + ": another poller moved the cursor; stop this one (only one poller may read a stream)");
  }
}
