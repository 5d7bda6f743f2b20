package xyz.keystoneos.sdk.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import xyz.keystoneos.sdk.RetryConfig;

/**
 * The settled configuration of one client (internal).
 *
 * @param baseUri      the API base, without trailing slash
 * @param tokenUri     the token endpoint
 * @param clientId     the M2M client id
 * @param clientSecret the M2M client secret
 * @param audience     the token audience
 * @param timeout      the per-request timeout
 * @param retry        the retry policy
 * @param httpClient   the HTTP client
 * @param clock        the clock (token expiry, Retry-After dates)
 * @param userAgent    the User-Agent header
 */
public record ClientConfig(URI baseUri, URI tokenUri, String clientId, String clientSecret, String audience,
        Duration timeout, RetryConfig retry, HttpClient httpClient, Clock clock, String userAgent) {

    /**
     * Checks the configuration.
     *
     * @param baseUri      the base
     * @param tokenUri     the token endpoint
     * @param clientId     the client id
     * @param clientSecret the secret
     * @param audience     the audience
     * @param timeout      the timeout
     * @param retry        the retry policy
     * @param httpClient   the HTTP client
     * @param clock        the clock
     * @param userAgent    the User-Agent
     */
    public ClientConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(tokenUri, "tokenUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /**
     * Hides the secret.
     *
     * @return a description without the secret
     */
    @Override
    public String toString() {
        return "ClientConfig[baseUri=" + baseUri + ", tokenUri=" + tokenUri + ", clientId=" + clientId
                + ", audience=" + audience + ", timeout=" + timeout + "]";
    }
}
