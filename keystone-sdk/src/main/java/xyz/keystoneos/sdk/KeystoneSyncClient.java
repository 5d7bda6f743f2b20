package xyz.keystoneos.sdk;

import java.util.Objects;
import xyz.keystoneos.sdk.resources.ComplianceSyncResource;
import xyz.keystoneos.sdk.resources.EnvironmentsSyncResource;
import xyz.keystoneos.sdk.resources.InstructionsSyncResource;
import xyz.keystoneos.sdk.resources.SandboxSyncResource;
import xyz.keystoneos.sdk.resources.SessionsSyncResource;
import xyz.keystoneos.sdk.resources.SettlementsSyncResource;
import xyz.keystoneos.sdk.resources.TemplatesSyncResource;
import xyz.keystoneos.sdk.resources.WebhooksSyncResource;

/**
 * The blocking KeyStone OS client, for scripts, batch jobs and code that is not asynchronous. It wraps a
 * {@link KeystoneClient} and waits for each call; failures are thrown as the {@link KeystoneException} subclasses
 * themselves (never wrapped in {@code CompletionException}), so {@code catch (NotFoundException e)} works.
 *
 * <pre>{@code
 * try (KeystoneSyncClient client = KeystoneClient.builder()
 *         .clientId("YOUR_CLIENT_ID")
 *         .clientSecret("YOUR_CLIENT_SECRET")
 *         .buildSync()) {
 *     Page<Settlement> result = client.settlements().list(
 *             SettlementListParams.builder().state(SettlementState.FINALIZED).limit(20).build());
 *     result.items().forEach(s -> System.out.println(s.id() + " - " + s.state()));
 *     System.out.println("Total: " + result.total());
 * }
 * }</pre>
 *
 * <p>Thread-safe; share one instance per credential set. Token handling and retries are those of the wrapped
 * client.
 */
public final class KeystoneSyncClient implements AutoCloseable {

    private final KeystoneClient async;
    private final SettlementsSyncResource settlements;
    private final InstructionsSyncResource instructions;
    private final TemplatesSyncResource templates;
    private final WebhooksSyncResource webhooks;
    private final EnvironmentsSyncResource environments;
    private final ComplianceSyncResource compliance;
    private final SessionsSyncResource sessions;
    private final SandboxSyncResource sandbox;

    /**
     * Wraps an asynchronous client; closing this client closes it.
     *
     * @param async the asynchronous client
     * @throws NullPointerException if {@code async} is {@code null}
     */
    public KeystoneSyncClient(KeystoneClient async) {
        this.async = Objects.requireNonNull(async, "async client must not be null");
        this.settlements = new SettlementsSyncResource(async.settlements());
        this.instructions = new InstructionsSyncResource(async.instructions());
        this.templates = new TemplatesSyncResource(async.templates());
        this.webhooks = new WebhooksSyncResource(async.webhooks());
        this.environments = new EnvironmentsSyncResource(async.environments());
        this.compliance = new ComplianceSyncResource(async.compliance());
        this.sessions = new SessionsSyncResource(async.sessions());
        this.sandbox = new SandboxSyncResource(async.sandbox());
    }

    /**
     * Returns a builder; finish it with {@link KeystoneClient.Builder#buildSync()}.
     *
     * @return a new builder
     */
    public static KeystoneClient.Builder builder() {
        return KeystoneClient.builder();
    }

    /**
     * Returns the wrapped asynchronous client (sharing token cache and configuration).
     *
     * @return the asynchronous client
     */
    public KeystoneClient async() {
        return async;
    }

    /**
     * Settlements: create, get, list (with auto-paging), events, evidence, compliance decisions.
     *
     * @return the settlements resource
     */
    public SettlementsSyncResource settlements() {
        return settlements;
    }

    /**
     * Bilateral instructions: submit, get, list, cancel.
     *
     * @return the instructions resource
     */
    public InstructionsSyncResource instructions() {
        return instructions;
    }

    /**
     * Settlement templates (read-only).
     *
     * @return the templates resource
     */
    public TemplatesSyncResource templates() {
        return templates;
    }

    /**
     * Webhook endpoints and their delivery log.
     *
     * @return the webhooks resource
     */
    public WebhooksSyncResource webhooks() {
        return webhooks;
    }

    /**
     * Environments of your platform.
     *
     * @return the environments resource
     */
    public EnvironmentsSyncResource environments() {
        return environments;
    }

    /**
     * Compliance decisions: approve and reject.
     *
     * @return the compliance resource
     */
    public ComplianceSyncResource compliance() {
        return compliance;
    }

    /**
     * Browser session tokens.
     *
     * @return the sessions resource
     */
    public SessionsSyncResource sessions() {
        return sessions;
    }

    /**
     * Sandbox helpers: faucet, deposits, balances.
     *
     * @return the sandbox resource
     */
    public SandboxSyncResource sandbox() {
        return sandbox;
    }

    /**
     * Returns a new idempotency key (UUIDv4).
     *
     * @return the key
     */
    public String generateIdempotencyKey() {
        return async.generateIdempotencyKey();
    }

    /**
     * Returns a new idempotency key {@code prefix-<uuid>}.
     *
     * @param prefix a non-blank prefix without whitespace
     * @return the key
     */
    public String generateIdempotencyKey(String prefix) {
        return async.generateIdempotencyKey(prefix);
    }

    /** Closes the wrapped asynchronous client. */
    @Override
    public void close() {
        async.close();
    }

    /** Hides the credentials. */
    @Override
    public String toString() {
        return "KeystoneSyncClient[" + async + "]";
    }
}
