package xyz.keystoneos.sdk.model;

import java.time.Instant;

/**
 * The answer to a webhook secret rotation.
 *
 * @param newSecret                the new secret (shown once)
 * @param previousSecretValidUntil until when the old secret still signs deliveries (24 h)
 */
public record RotatedSecret(String newSecret, Instant previousSecretValidUntil) {

    /**
     * Returns the rotation without the secret, for logs.
     *
     * @return a description without the secret
     */
    @Override
    public String toString() {
        return "RotatedSecret[newSecret=(hidden), previousSecretValidUntil=" + previousSecretValidUntil + "]";
    }
}
