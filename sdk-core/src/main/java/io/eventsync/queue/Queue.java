package io.eventsync.queue;

/**
 * An event queue of the app.
 *
 * @param code the queue's code (a UUID), used in every queue call
 * @param name the name given at creation
 * @param status {@code ACTIVE} per the documentation; other values are passed through
 */
public record Queue(String code, String name, String status) {}
