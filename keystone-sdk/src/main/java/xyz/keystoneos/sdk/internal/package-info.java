/**
 * Implementation details of the SDK (HTTP transport, token cache, JSON mapping). Not part of the public API: these
 * types may change in any release.
 */
package xyz.keystoneos.sdk.internal;
