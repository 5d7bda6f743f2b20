package xyz.keystoneos.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import xyz.keystoneos.sdk.internal.ClientConfig;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.resources.ComplianceResource;
import xyz.keystoneos.sdk.resources.EnvironmentsResource;
import xyz.keystoneos.sdk.resources.InstructionsResource;
import xyz.keystoneos.sdk.resources.SandboxResource;
import xyz.keystoneos.sdk.resources.SessionsResource;
import xyz.keystoneos.sdk.resources.SettlementsResource;
import xyz.keystoneos.sdk.resources.TemplatesResource;
import xyz.keystoneos.sdk.resources.WebhooksResource;

/**
 * The asynchronous KeyStone OS client: every call returns a {@link java.util.concurrent.CompletableFuture} that
 * completes with the answer or fails with a {@link KeystoneException} subclass (unwrapped: {@code exceptionally}
 * sees a {@link NotFoundException}, not a {@code CompletionException}). For blocking code use
 * {@link KeystoneSyncClient} ({@link Builder#buildSync()}).
 *
 * <pre>{@code
 * try (KeystoneClient client = KeystoneClient.builder()
 *         .clientId("YOUR_CLIENT_ID")
 *         .clientSecret("YOUR_CLIENT_SECRET")
 *         .build()) {
 *     Page<Settlement> page = client.settlements().list().join();
 * }
 * }</pre>
 *
 * <p>The client fetches an access token from {@code <authDomain>/oauth/token} with the client credentials, caches
 * it, refreshes it 60 seconds before it expires (concurrent calls share one refresh) and once more when the API
 * answers 401. Failed calls are retried according to {@link RetryConfig}; only requests that are safe to repeat
 * are retried ({@code GET}, {@code PUT}, {@code DELETE}, and {@code POST} with an idempotency key).
 *
 * <p>One instance per credential set; it is thread-safe and meant to be shared. {@link #close()} stops its retry
 * scheduler and fails calls still waiting. The client keeps no static state.
 */
public final class KeystoneClient implements AutoCloseable {

    /** Default API base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.keystoneos.xyz";

    /** Default authorization server domain. */
    public static final String DEFAULT_AUTH_DOMAIN = "auth.keystoneos.xyz";

    /** Default token audience. */
    public static final String DEFAULT_AUDIENCE = "https://api.keystoneos.xyz";

    /** Default per-request timeout: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The SDK version sent in the {@code User-Agent} header. */
    public static final String VERSION = "0.1.0";

    private final Transport transport;
    private final SettlementsResource settlements;
    private final InstructionsResource instructions;
    private final TemplatesResource templates;
    private final WebhooksResource webhooks;
    private final EnvironmentsResource environments;
    private final ComplianceResource compliance;
    private final SessionsResource sessions;
    private final SandboxResource sandbox;

    private KeystoneClient(ClientConfig config) {
        this.transport = new Transport(config);
        this.settlements = new SettlementsResource(transport);
        this.instructions = new InstructionsResource(transport);
        this.templates = new TemplatesResource(transport);
        this.webhooks = new WebhooksResource(transport);
        this.environments = new EnvironmentsResource(transport);
        this.compliance = new ComplianceResource(settlements);
        this.sessions = new SessionsResource(transport);
        this.sandbox = new SandboxResource(transport);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settlements: create, get, list (with auto-paging), events, evidence, compliance decisions.
     *
     * @return the settlements resource
     */
    public SettlementsResource settlements() {
        return settlements;
    }

    /**
     * Bilateral instructions: submit, get, list, cancel.
     *
     * @return the instructions resource
     */
    public InstructionsResource instructions() {
        return instructions;
    }

    /**
     * Settlement templates (read-only): list, get by id or slug.
     *
     * @return the templates resource
     */
    public TemplatesResource templates() {
        return templates;
    }

    /**
     * Webhook endpoints: create, list, get, update, delete, test, rotate the secret, deliveries, retry, replay.
     *
     * @return the webhooks resource
     */
    public WebhooksResource webhooks() {
        return webhooks;
    }

    /**
     * Environments of your platform: create, list, get, update, deactivate, reactivate.
     *
     * @return the environments resource
     */
    public EnvironmentsResource environments() {
        return environments;
    }

    /**
     * Compliance decisions: {@code approve} and {@code reject} a flagged settlement.
     *
     * @return the compliance resource
     */
    public ComplianceResource compliance() {
        return compliance;
    }

    /**
     * Browser session tokens: create, get, list, revoke.
     *
     * @return the sessions resource
     */
    public SessionsResource sessions() {
        return sessions;
    }

    /**
     * Sandbox helpers (sandbox environments only): faucet, leg deposits, balances.
     *
     * @return the sandbox resource
     */
    public SandboxResource sandbox() {
        return sandbox;
    }

    /**
     * Returns a new idempotency key: a random UUID (version 4).
     *
     * @return the key
     * @see IdempotencyKeys#generate()
     */
    public String generateIdempotencyKey() {
        return IdempotencyKeys.generate();
    }

    /**
     * Returns a new idempotency key with a prefix: {@code prefix-<uuid>}.
     *
     * @param prefix a non-blank prefix without whitespace, at most 200 characters
     * @return the key
     * @throws IllegalArgumentException if the prefix is invalid
     * @see IdempotencyKeys#generate(String)
     */
    public String generateIdempotencyKey(String prefix) {
        return IdempotencyKeys.generate(prefix);
    }

    /**
     * Returns the API base URL this client calls.
     *
     * @return the base URL, without trailing slash
     */
    public URI baseUrl() {
        return transport.config().baseUri();
    }

    /**
     * Returns the token endpoint this client uses.
     *
     * @return {@code <authDomain>/oauth/token}
     */
    public URI tokenUrl() {
        return transport.config().tokenUri();
    }

    /**
     * Stops the client: its retry scheduler ends and calls still waiting fail with
     * {@link IllegalStateException}; later calls fail the same way. An {@link HttpClient} passed to the builder is
     * not closed. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
    }

    /** Hides the credentials. */
    @Override
    public String toString() {
        return "KeystoneClient[" + transport.config() + "]";
    }

    /**
     * Builds a {@link KeystoneClient} or {@link KeystoneSyncClient}. {@code clientId} and {@code clientSecret} are
     * required; everything else has a default.
     */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private String baseUrl = DEFAULT_BASE_URL;
        private String authDomain = DEFAULT_AUTH_DOMAIN;
        private String audience = DEFAULT_AUDIENCE;
        private Duration timeout = DEFAULT_TIMEOUT;
        private RetryConfig retry = RetryConfig.defaults();
        private HttpClient httpClient;
        private Executor executor;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the M2M client id (required).
         *
         * @param clientId for example {@code ksc_…}
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sets the M2M client secret (required).
         *
         * @param clientSecret for example {@code kss_…}
         * @return this builder
         */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * Sets the API base URL (default {@value KeystoneClient#DEFAULT_BASE_URL}).
         *
         * @param baseUrl for example {@code http://localhost:8080}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Sets the authorization server (default {@value KeystoneClient#DEFAULT_AUTH_DOMAIN}): a domain, used with
         * {@code https://}, or a full URL such as {@code http://localhost:8080}. The token URL is
         * {@code <auth>/oauth/token}.
         *
         * @param authDomain a domain or URL
         * @return this builder
         */
        public Builder authDomain(String authDomain) {
            this.authDomain = authDomain;
            return this;
        }

        /**
         * Sets the token audience (default {@value KeystoneClient#DEFAULT_AUDIENCE}).
         *
         * @param audience the audience
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /**
         * Sets the timeout of each HTTP request, and of connecting (default 30 seconds).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the retry policy (default {@link RetryConfig#defaults()}; {@link RetryConfig#none()} disables
         * retries).
         *
         * @param retry the policy
         * @return this builder
         */
        public Builder retry(RetryConfig retry) {
            this.retry = retry;
            return this;
        }

        /**
         * Uses your own {@link HttpClient} (proxy, SSL context, HTTP version …). It should not follow redirects.
         * The client does not close it. When set, {@link #executor(Executor)} and the connect timeout are not
         * applied.
         *
         * @param httpClient the HTTP client
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * Sets the executor on which the HTTP client runs and completes futures (default: the JDK HTTP client's own
         * pool). Ignored when {@link #httpClient(HttpClient)} is set.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Sets the clock used for token expiry and {@code Retry-After} dates (default the system UTC clock); meant
         * for tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the asynchronous client.
         *
         * @return a new client
         * @throws NullPointerException     if a required value is missing
         * @throws IllegalArgumentException if a value is blank or malformed, or the timeout is not positive
         */
        public KeystoneClient build() {
            return new KeystoneClient(config());
        }

        /**
         * Builds a blocking client (wrapping a new asynchronous client).
         *
         * @return a new blocking client
         * @throws NullPointerException     if a required value is missing
         * @throws IllegalArgumentException if a value is blank or malformed, or the timeout is not positive
         */
        public KeystoneSyncClient buildSync() {
            return new KeystoneSyncClient(build());
        }

        private ClientConfig config() {
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            requireText(baseUrl, "baseUrl");
            requireText(authDomain, "authDomain");
            requireText(audience, "audience");
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            Objects.requireNonNull(retry, "retry must not be null");
            Objects.requireNonNull(clock, "clock must not be null");
            URI base = httpUri(baseUrl, "baseUrl");
            String auth = authDomain.strip();
            URI authBase = httpUri(auth.contains("://") ? auth : "https://" + auth, "authDomain");
            URI tokenUri = URI.create(authBase + "/oauth/token");
            HttpClient http = httpClient;
            if (http == null) {
                HttpClient.Builder builder = HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER);
                if (executor != null) {
                    builder.executor(executor);
                }
                http = builder.build();
            }
            return new ClientConfig(base, tokenUri, clientId, clientSecret, audience, timeout, retry, http, clock,
                    "keystone-sdk-java/" + VERSION + " (Java " + Runtime.version().feature() + ")");
        }

        private static void requireText(String value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
        }

        private static URI httpUri(String text, String name) {
            String trimmed = text.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " is not a valid URL: '" + text + "'", e);
            }
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an http(s) URL with a host, was '" + text + "'");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(name + " must not have a query or fragment, was '" + text + "'");
            }
            return uri;
        }
    }
}
