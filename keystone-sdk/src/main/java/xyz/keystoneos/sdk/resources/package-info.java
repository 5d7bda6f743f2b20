/**
 * The API resources of the KeyStone client: {@code XxxResource} (asynchronous, returning
 * {@link java.util.concurrent.CompletableFuture}s) from {@link xyz.keystoneos.sdk.KeystoneClient} and
 * {@code XxxSyncResource} (blocking) from {@link xyz.keystoneos.sdk.KeystoneSyncClient}, plus
 * {@link xyz.keystoneos.sdk.resources.AutoPagingIterable} for lists fetched page by page. Invalid arguments are
 * reported at once, by the call itself, with {@link java.lang.NullPointerException} or
 * {@link java.lang.IllegalArgumentException}; API failures through the future (asynchronous) or thrown
 * (blocking) as {@link xyz.keystoneos.sdk.KeystoneException} subclasses.
 */
package xyz.keystoneos.sdk.resources;
