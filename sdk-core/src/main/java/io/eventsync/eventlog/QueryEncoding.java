package io.eventsync.eventlog;

/**
 * How the object-valued query parameters {@code $filter} and {@code $orderBy} are written in the
 * URL. Puro.earth's documentation does not say; both are supported.
 */
public enum QueryEncoding {
  /**
   * {@code $filter[createdAt][gte]=...&$orderBy[createdAt]=asc} (OpenAPI deepObject); the default.
   */
  DEEP_OBJECT,
  /** {@code $filter={"createdAt":{"gte":"..."}}&$orderBy={"createdAt":"asc"}} (JSON text). */
  JSON
}
