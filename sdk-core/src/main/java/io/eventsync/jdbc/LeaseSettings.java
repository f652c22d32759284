package io.eventsync.jdbc;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** The checks and defaults that {@link JdbcLease} and {@link JdbcFleet} share. */
final class LeaseSettings {
  private LeaseSettings() {}

  /** Returns {@code ttl} if it is at least 100 ms. */
  static Duration checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl == null");
    if (ttl.toMillis() < 100) {
      throw new IllegalArgumentException("ttl must be at least 100 ms but was " + ttl);
    }
    return ttl;
  }

  /** Returns {@code renewalInterval} if it is at least 1 ms and shorter than {@code ttl}. */
  static Duration checkRenewalInterval(Duration renewalInterval, Duration ttl) {
    Objects.requireNonNull(renewalInterval, "renewalInterval == null");
    if (renewalInterval.toMillis() < 1 || renewalInterval.compareTo(ttl) >= 0) {
      throw new IllegalArgumentException(
          "renewalInterval must be at least 1 ms and shorter than the ttl "
              + ttl
              + " but was "
              + renewalInterval);
    }
    return renewalInterval;
  }

  /** Returns {@code value} if it has 1 to 255 characters (the tables' column size). */
  static String checkLength(String value, String what) {
    Objects.requireNonNull(value, what + " == null");
    if (value.isEmpty() || value.length() > 255) {
      throw new IllegalArgumentException(
          what + " must have 1 to 255 characters but was \"" + value + "\"");
    }
    return value;
  }

  /** Returns a holder id unique to this process and call: {@code <pid>@<host>/<random8>}. */
  static String defaultHolderId() {
    return ManagementFactory.getRuntimeMXBean().getName()
        + "/"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
