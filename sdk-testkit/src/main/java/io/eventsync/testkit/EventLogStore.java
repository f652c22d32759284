package io.eventsync.testkit;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The append-only events log, kept lean for millions of rows: columns of primitives sorted by
 * {@code (createdAt, append order)}, so a page is two binary searches and a copy, never a scan.
 *
 * <p>A row costs 13 bytes: its {@code createdAt} (epoch millis), its append sequence number and an
 * event type index. Its {@code id} (cuid-like, 25 characters), {@code eventAt} and {@code details}
 * derive from those when a page is written. Rows without {@code createdAt} are kept apart: no
 * {@code createdAt} filter ever matches them, and an unfiltered listing puts them last in ascending
 * order, first in descending order.
 *
 * <p>Thread-safe: one read-write lock.
 */
final class EventLogStore {
  static final String DEFAULT_TYPE = "TRANSACTION_STATUS_CHANGE";
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_TYPES = 256;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final long seed;
  private final List<String> types = new ArrayList<>();
  private long[] createdAt = new long[1024];
  private int[] seqs = new int[1024];
  private byte[] typeIndex = new byte[1024];
  private int size;
  private int[] nullSeqs = new int[16];
  private byte[] nullTypeIndex = new byte[16];
  private int nullSize;
  private int nextSeq;

  EventLogStore(long seed) {
    this.seed = seed;
  }

  /** Rows appended by one call: how many, and the ids of the first and last. */
  static final class Appended {
    final int count;
    final String firstId;
    final String lastId;

    Appended(int count, String firstId, String lastId) {
      this.count = count;
      this.firstId = firstId;
      this.lastId = lastId;
    }
  }

  /**
   * Appends {@code count} rows of {@code eventType}. With {@code createdAtMillis} null the rows
   * have no {@code createdAt}; otherwise row {@code i} is at {@code createdAtMillis + i}
   * milliseconds, or all at {@code createdAtMillis} when {@code sameTimestamp}.
   */
  Appended append(int count, Long createdAtMillis, boolean sameTimestamp, String eventType) {
    lock.writeLock().lock();
    try {
      byte type = typeIndexOf(eventType);
      int firstSeq = nextSeq;
      if (createdAtMillis == null) {
        ensureNullCapacity(nullSize + count);
        for (int i = 0; i < count; i++) {
          nullSeqs[nullSize] = nextSeq++;
          nullTypeIndex[nullSize++] = type;
        }
        return new Appended(count, id(firstSeq, -1), id(nextSeq - 1, -1));
      }
      long first = createdAtMillis;
      long last = sameTimestamp ? first : first + count - 1;
      ensureCapacity(size + count);
      int start = size;
      for (int i = 0; i < count; i++) {
        createdAt[size] = sameTimestamp ? first : first + i;
        seqs[size] = nextSeq++;
        typeIndex[size++] = type;
      }
      if (start > 0 && createdAt[start - 1] > first) {
        mergeTail(start);
      }
      return new Appended(count, id(firstSeq, first), id(nextSeq - 1, last));
    } finally {
      lock.writeLock().unlock();
    }
  }

  private byte typeIndexOf(String eventType) {
    int index = types.indexOf(eventType);
    if (index < 0) {
      if (types.size() >= MAX_TYPES) {
        throw SandboxError.badRequest("the events log holds at most " + MAX_TYPES + " event types");
      }
      types.add(eventType);
      index = types.size() - 1;
    }
    return (byte) index;
  }

  /** Merges the sorted run {@code [start, size)} into the sorted run {@code [0, start)}. */
  private void mergeTail(int start) {
    long[] c = new long[createdAt.length];
    int[] s = new int[seqs.length];
    byte[] t = new byte[typeIndex.length];
    int i = 0;
    int j = start;
    int k = 0;
    while (i < start || j < size) {
      // Existing rows come first on equal createdAt: they were appended earlier.
      boolean takeOld = j >= size || (i < start && createdAt[i] <= createdAt[j]);
      int from = takeOld ? i++ : j++;
      c[k] = createdAt[from];
      s[k] = seqs[from];
      t[k++] = typeIndex[from];
    }
    createdAt = c;
    seqs = s;
    typeIndex = t;
  }

  private void ensureCapacity(int needed) {
    if (needed > createdAt.length) {
      int capacity = Math.max(needed, createdAt.length * 2);
      createdAt = Arrays.copyOf(createdAt, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
      typeIndex = Arrays.copyOf(typeIndex, capacity);
    }
  }

  private void ensureNullCapacity(int needed) {
    if (needed > nullSeqs.length) {
      int capacity = Math.max(needed, nullSeqs.length * 2);
      nullSeqs = Arrays.copyOf(nullSeqs, capacity);
      nullTypeIndex = Arrays.copyOf(nullTypeIndex, capacity);
    }
  }

  /** Removes every row. */
  void reset() {
    lock.writeLock().lock();
    try {
      size = 0;
      nullSize = 0;
      nextSeq = 0;
      types.clear();
      createdAt = new long[1024];
      seqs = new int[1024];
      typeIndex = new byte[1024];
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The number of rows, with and without {@code createdAt}. */
  /**
   * Returns when a row appended now without an explicit {@code createdAt} is written: {@code now},
   * or just after the newest row if that is later, so the log stays append-only in time.
   */
  long nextCreatedAtMillis(long nowMillis) {
    lock.readLock().lock();
    try {
      return size == 0 ? nowMillis : Math.max(nowMillis, createdAt[size - 1] + 1);
    } finally {
      lock.readLock().unlock();
    }
  }

  long size() {
    lock.readLock().lock();
    try {
      return (long) size + nullSize;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The first index whose {@code createdAt} is at least {@code millis}. */
  private int lowerBound(long millis) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (createdAt[mid] < millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Writes one page as a JSON array: rows with {@code fromMillis <= createdAt < toMillis} (bounds
   * as epoch millis, {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE} for none), ordered by {@code
   * createdAt} then append order (reversed when {@code descending}), at most {@code limit}. Rows
   * without {@code createdAt} are included only when {@code includeNulls}.
   */
  void writePage(
      JsonWriter out,
      long fromMillis,
      long toMillis,
      boolean descending,
      int limit,
      boolean includeNulls)
      throws IOException {
    lock.readLock().lock();
    try {
      int lo = fromMillis == Long.MIN_VALUE ? 0 : lowerBound(fromMillis);
      int hi = toMillis == Long.MAX_VALUE ? size : lowerBound(toMillis);
      int nulls = includeNulls ? nullSize : 0;
      int written = 0;
      out.beginArray();
      if (descending) {
        for (int n = nulls - 1; n >= 0 && written < limit; n--, written++) {
          writeNullRow(out, n);
        }
        for (int i = hi - 1; i >= lo && written < limit; i--, written++) {
          writeRow(out, i);
        }
      } else {
        for (int i = lo; i < hi && written < limit; i++, written++) {
          writeRow(out, i);
        }
        for (int n = 0; n < nulls && written < limit; n++, written++) {
          writeNullRow(out, n);
        }
      }
      out.endArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  private void writeRow(JsonWriter out, int i) throws IOException {
    long created = createdAt[i];
    int seq = seqs[i];
    writeObject(out, seq, created, typeIndex[i]);
  }

  private void writeNullRow(JsonWriter out, int n) throws IOException {
    writeObject(out, nullSeqs[n], -1, nullTypeIndex[n]);
  }

  private void writeObject(JsonWriter out, int seq, long created, byte type) throws IOException {
    String eventType = types.get(type & 0xFF);
    out.beginObject();
    out.name("id").value(id(seq, created));
    out.name("eventType").value(eventType);
    if (created < 0) {
      out.name("createdAt").nullValue();
      out.name("eventAt").nullValue();
    } else {
      out.name("createdAt").value(ISO_MILLIS.format(Instant.ofEpochMilli(created)));
      long eventAt = created - (seq % 60) * 1000L;
      out.name("eventAt").value(ISO_MILLIS.format(Instant.ofEpochMilli(eventAt)));
    }
    out.name("details").beginObject();
    if (DEFAULT_TYPE.equals(eventType)) {
      out.name("transactionId").value("txn_" + Integer.toString(seq, 36));
      out.name("previousStatus").value("PENDING");
      out.name("status").value("SUCCESS");
    }
    out.endObject();
    out.endObject();
  }

  /**
   * A cuid-like id: {@code c}, the {@code createdAt} in base 36 (8), the append sequence (6) and a
   * seeded fingerprint (10); 25 lowercase characters, unique per row.
   */
  String id(int seq, long created) {
    long mixed = mix(seed ^ (seq * 0x9E3779B97F4A7C15L));
    return "c"
        + pad(Long.toString(Math.max(created, 0), 36), 8)
        + pad(Integer.toString(seq, 36), 6)
        + pad(Long.toString(mixed >>> 12, 36), 10);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String pad(String s, int width) {
    if (s.length() >= width) {
      return s.substring(s.length() - width);
    }
    return "0".repeat(width - s.length()) + s;
  }
}
