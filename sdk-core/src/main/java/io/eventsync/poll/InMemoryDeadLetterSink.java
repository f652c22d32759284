package io.eventsync.poll;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** {@link DeadLetterSink#inMemory()}. */
final class InMemoryDeadLetterSink implements DeadLetterSink {
  private final List<DeadLetter> letters = new ArrayList<>();

  @Override
  public synchronized void accept(DeadLetter deadLetter) {
    letters.add(Objects.requireNonNull(deadLetter, "deadLetter == null"));
  }

  @Override
  public synchronized List<DeadLetter> pending() {
    return List.copyOf(letters);
  }

  @Override
  public synchronized void remove(String stream, Collection<String> eventIds) {
    letters.removeIf(l -> l.stream().equals(stream) && eventIds.contains(l.eventId()));
  }

  @Override
  public String toString() {
    return "DeadLetterSink.inMemory()";
  }
}
