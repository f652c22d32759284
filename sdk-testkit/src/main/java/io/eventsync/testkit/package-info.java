/**
 * The eventsync sandbox: a stateful, in-process emulator of the five event APIs, with fault
 * injection, for tests and demos.
 *
 * <p>Start one with {@link io.eventsync.testkit.EventSyncSandbox#start()}, or let {@link
 * io.eventsync.testkit.EventSyncSandboxExtension} start one per test class or method. Values are
 * non-null unless a method's documentation says otherwise.
 */
package io.eventsync.testkit;
