package xyz.keystoneos.compliance.internal;

import java.time.Instant;

/** A provider's consecutive failed calls and its last failure, for the health view. Thread-safe. */
final class FailureRecord {

    static final int MESSAGE_LIMIT = 300;

    /** A consistent copy of the record. */
    record Snapshot(int consecutiveFailures, Instant lastFailureAt, String lastFailureMessage) {
    }

    private int consecutiveFailures;
    private Instant lastFailureAt;
    private String lastFailureMessage;

    synchronized void recordSuccess() {
        consecutiveFailures = 0;
    }

    synchronized void recordFailure(Instant at, String message) {
        consecutiveFailures++;
        lastFailureAt = at;
        lastFailureMessage = shortened(message);
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(consecutiveFailures, lastFailureAt, lastFailureMessage);
    }

    static String shortened(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT - 1) + "…";
    }
}
