/**
 * The KeyStone OS Java SDK (Java 17+, no dependencies beyond the JDK).
 *
 * <p>This first part holds the pieces that do not need a network connection:
 * <ul>
 *   <li>{@link xyz.keystoneos.sdk.Webhooks}: verifying the signatures of webhooks KeyStone sends
 *       ({@code X-Keystone-Signature} and Standard Webhooks);</li>
 *   <li>{@link xyz.keystoneos.sdk.RetryConfig}: when and how long to wait before repeating a failed request;</li>
 *   <li>{@link xyz.keystoneos.sdk.IdempotencyKeys}: keys that make repeating a {@code POST} safe;</li>
 *   <li>the exception hierarchy rooted at {@link xyz.keystoneos.sdk.KeystoneException}: every error the SDK
 *       reports is unchecked, and API errors keep the server's complete answer
 *       ({@link xyz.keystoneos.sdk.ApiException#of ApiException.of} maps a status to its subclass).</li>
 * </ul>
 *
 * <p>The API client itself ({@code KeystoneClient}, {@code KeystoneSyncClient}) comes next. Nothing in this package
 * keeps static mutable state; every type is immutable or stateless and safe to share between threads.
 */
package xyz.keystoneos.sdk;
