package io.eventsync.testkit;

/**
 * An error answer of the sandbox: the HTTP status, a machine-readable code and a message. The
 * dispatcher renders it in the error shape of the API that was called.
 */
final class SandboxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  SandboxError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static SandboxError badRequest(String message) {
    return new SandboxError(400, "INVALID_REQUEST", message);
  }

  static SandboxError notFound(String message) {
    return new SandboxError(404, "NOT_FOUND", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
