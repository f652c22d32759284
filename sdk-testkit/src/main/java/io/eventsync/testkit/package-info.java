/**
 * The eventsync sandbox: a stateful, in-process emulator of the five event APIs, with fault
 * injection, for tests and demos.
 *
 * <p>Start one with {@link io.eventsync.testkit.EventSyncSandbox#start()}, or let {@link
 * io.eventsync.testkit.EventSyncSandboxExtension} start one per test class or method. Values are
 * non-null unless marked {@code @Nullable}: the package is {@code @NullMarked} (JSpecify).
 */
@NullMarked
package io.eventsync.testkit;

import org.jspecify.annotations.NullMarked;
