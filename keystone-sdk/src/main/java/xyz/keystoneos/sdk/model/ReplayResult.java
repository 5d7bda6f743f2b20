package xyz.keystoneos.sdk.model;

/**
 * The answer to a webhook replay.
 *
 * @param replayed how many deliveries were queued (new or reset to pending)
 */
public record ReplayResult(int replayed) {
}
