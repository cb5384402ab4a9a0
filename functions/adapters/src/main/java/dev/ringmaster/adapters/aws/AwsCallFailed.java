package dev.ringmaster.adapters.aws;

/**
 * An AWS call that failed for good (after retries, or at once for an error retrying cannot fix): the HTTP
 * status, the service's error code and message, and which operation it was, so a log line says what to fix.
 */
public final class AwsCallFailed extends RuntimeException {
    private final int status;
    private final String errorCode;

    public AwsCallFailed(String operation, int status, String errorCode, String message) {
        super(operation + " failed: HTTP " + status + (errorCode == null ? "" : " " + errorCode)
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
        this.errorCode = errorCode;
    }

    public AwsCallFailed(String operation, Throwable cause) {
        super(operation + " failed: " + cause, cause);
        this.status = 0;
        this.errorCode = null;
    }

    /** 0 when no HTTP response arrived (connection refused, timeout). */
    public int status() {
        return status;
    }

    /** The service's error code (ConflictException, ThrottlingException, …), or null. */
    public String errorCode() {
        return errorCode;
    }
}
