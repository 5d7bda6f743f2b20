/**
 * The KeyStone OS Java SDK (Java 17+; runtime dependencies: the JDK and Jackson 2).
 *
 * <ul>
 *   <li>{@link xyz.keystoneos.sdk.KeystoneClient}: the asynchronous client (every call returns a
 *       {@link java.util.concurrent.CompletableFuture}); {@link xyz.keystoneos.sdk.KeystoneSyncClient} wraps it for
 *       blocking code. Both manage the access token and retry failed calls according to
 *       {@link xyz.keystoneos.sdk.RetryConfig}. Resources live in {@code xyz.keystoneos.sdk.resources}, records in
 *       {@code xyz.keystoneos.sdk.model}.</li>
 *   <li>{@link xyz.keystoneos.sdk.Webhooks}: verifying the signatures of webhooks KeyStone sends
 *       ({@code X-Keystone-Signature} and Standard Webhooks);</li>
 *   <li>{@link xyz.keystoneos.sdk.IdempotencyKeys}: keys that make repeating a {@code POST} safe;</li>
 *   <li>the exception hierarchy rooted at {@link xyz.keystoneos.sdk.KeystoneException}: every error the SDK
 *       reports is unchecked, and API errors keep the server's complete answer
 *       ({@link xyz.keystoneos.sdk.ApiException#of ApiException.of} maps a status to its subclass).</li>
 * </ul>
 *
 * <p>Nothing in the SDK keeps static mutable state; clients are thread-safe and meant to be shared.
 */
package xyz.keystoneos.sdk;
