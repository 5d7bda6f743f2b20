package xyz.keystoneos.sdk.model;

/**
 * How an endpoint answered a {@code test.ping}.
 *
 * @param success    whether it answered 2xx
 * @param statusCode its HTTP status, or {@code null} when it did not answer
 * @param durationMs how long it took
 * @param error      what went wrong, or {@code null}
 */
public record WebhookTestResult(boolean success, Integer statusCode, long durationMs, String error) {
}
