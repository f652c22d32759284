package io.eventsync.poll;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process for {@link FileCursorLockTest}: takes the file cursor of stream {@code fake} in
 * the directory {@code args[0]}, prints {@code held}, and keeps it until its standard input ends.
 */
final class HoldCursorChild {
  private HoldCursorChild() {}

  public static void main(String[] args) throws IOException {
    FileCursorStore store = new FileCursorStore(Path.of(args[0]));
    FileCursorLock lock = store.claim("fake");
    try {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    } finally {
      lock.close();
    }
  }
}
