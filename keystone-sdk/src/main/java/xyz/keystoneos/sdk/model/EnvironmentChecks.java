package xyz.keystoneos.sdk.model;

/** Range checks shared by the environment requests. */
final class EnvironmentChecks {

    private EnvironmentChecks() {
    }

    static void timeout(Integer seconds) {
        if (seconds != null && (seconds < CreateEnvironmentRequest.MIN_TIMEOUT_SECONDS
                || seconds > CreateEnvironmentRequest.MAX_TIMEOUT_SECONDS)) {
            throw new IllegalArgumentException("defaultTimeoutSeconds must be between "
                    + CreateEnvironmentRequest.MIN_TIMEOUT_SECONDS + " and "
                    + CreateEnvironmentRequest.MAX_TIMEOUT_SECONDS + ", was " + seconds);
        }
    }

    static void rateLimit(Integer rpm) {
        if (rpm != null && rpm < 1) {
            throw new IllegalArgumentException("rateLimitRpm must be at least 1, was " + rpm);
        }
    }
}
