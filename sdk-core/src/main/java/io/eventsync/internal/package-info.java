/**
 * The SDK's internals: HTTP execution, retries, JSON and redaction. Not a public API; it may change
 * in any release.
 */
@NullMarked
package io.eventsync.internal;

import org.jspecify.annotations.NullMarked;
