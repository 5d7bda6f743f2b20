package xyz.keystoneos.shared.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;
import xyz.keystoneos.shared.web.ApiException;

/**
 * Runs a create operation at most once per (scope, operation, key).
 *
 * <ol>
 * <li>A short transaction claims the key: the primary key of {@code idempotency_keys} makes exactly one of any
 * number of concurrent callers (on any node) the owner. The others see the row and answer 422 (different body),
 * 409 (still running) or replay the finished result.</li>
 * <li>The owner runs the operation in one transaction that also marks the key completed, so the resource and the
 * key's completion commit together or not at all.</li>
 * <li>If the operation fails, the claim is released so the client can correct the request and retry.</li>
 * </ol>
 * A claim abandoned by a crashed node expires after {@link #LEASE}; the next caller takes it over with a new
 * lease token, and the slow original (if it is still alive) can then no longer complete: its transaction rolls
 * back with 409, so the resource is never created twice.
 *
 * <p>The claim and its release run on the connections that commit without waiting for the WAL flush
 * ({@link RelaxedCommitConnections}, no extra round trip): the operation's own transaction commits flushed and so
 * flushes the claim before it; a claim lost in a database crash only frees the key, exactly as if the request had
 * never arrived.
 */
@Service
public class Idempotency {

    static final Duration LEASE = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper canonicalJson;
    private final RelaxedCommitConnections claims;

    public Idempotency(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper jsonMapper,
            RelaxedCommitConnections claims) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.claims = claims;
        this.canonicalJson = jsonMapper.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    /**
     * @param scope     who owns the key space: an environment id (or an operator client id)
     * @param operation what is being created, e.g. {@code settlement_templates.create}
     * @param key       the client's idempotency key
     * @param request   the parsed request; its canonical JSON (without {@code idempotency_key}) is what "same body"
     *                  means
     * @param create    creates the resource inside the transaction and returns it with its id
     * @param load      loads the current state of an earlier created resource by id, for replays
     */
    public <T> IdempotentResult<T> execute(String scope, String operation, String key, Object request,
            Supplier<Created<T>> create, Function<String, Optional<T>> load) {
        String requestHash = hash(request);
        Claim claim = claims.inTransaction(status -> claim(scope, operation, key, requestHash));
        if (claim instanceof Claim.Finished(String resourceId)) {
            T resource = load.apply(resourceId).orElseThrow(() -> ApiException.conflict(
                    "idempotency_key_resource_gone",
                    "The resource created with this idempotency key no longer exists"));
            return new IdempotentResult<>(resource, true);
        }
        String leaseToken = ((Claim.Owned) claim).leaseToken();
        try {
            T created = transactions.execute(status -> {
                Created<T> result = create.get();
                int updated = jdbc.sql("""
                        update idempotency_keys set status = 'completed', resource_id = :resource, completed_at = now()
                        where scope_id = :scope and operation = :operation and idempotency_key = :key
                          and status = 'in_flight' and lease_token = :lease_token""")
                        .param("resource", result.id()).param("scope", scope).param("operation", operation)
                        .param("key", key).param("lease_token", leaseToken).update();
                if (updated != 1) {
                    throw inUse();
                }
                return result.resource();
            });
            return new IdempotentResult<>(created, false);
        } catch (RuntimeException e) {
            claims.jdbc().sql("""
                    delete from idempotency_keys
                    where scope_id = :scope and operation = :operation and idempotency_key = :key
                      and status = 'in_flight' and lease_token = :lease_token""")
                    .param("scope", scope).param("operation", operation).param("key", key)
                    .param("lease_token", leaseToken).update();
            throw e;
        }
    }

    private Claim claim(String scope, String operation, String key, String requestHash) {
        String leaseToken = UUID.randomUUID().toString();
        int inserted = claims.jdbc().sql("""
                insert into idempotency_keys
                    (scope_id, operation, idempotency_key, request_hash, status, lease_token, locked_until)
                values (:scope, :operation, :key, :hash, 'in_flight', :lease_token,
                        now() + make_interval(secs => :lease))
                on conflict do nothing""")
                .param("scope", scope).param("operation", operation).param("key", key).param("hash", requestHash)
                .param("lease_token", leaseToken).param("lease", LEASE.toSeconds()).update();
        if (inserted == 1) {
            return new Claim.Owned(leaseToken);
        }
        Map<String, Object> row = claims.jdbc().sql("""
                select request_hash, status, resource_id, locked_until < now() as lease_expired
                from idempotency_keys
                where scope_id = :scope and operation = :operation and idempotency_key = :key
                for update""")
                .param("scope", scope).param("operation", operation).param("key", key)
                .query().singleRow();
        if (!requestHash.equals(row.get("request_hash"))) {
            throw ApiException.unprocessable("idempotency_key_reused",
                    "This idempotency key was already used with a different request body; use a new key");
        }
        if ("completed".equals(row.get("status"))) {
            return new Claim.Finished((String) row.get("resource_id"));
        }
        if (Boolean.TRUE.equals(row.get("lease_expired"))) {
            claims.jdbc().sql("""
                    update idempotency_keys
                    set locked_until = now() + make_interval(secs => :lease), lease_token = :lease_token
                    where scope_id = :scope and operation = :operation and idempotency_key = :key""")
                    .param("lease", LEASE.toSeconds()).param("lease_token", leaseToken).param("scope", scope)
                    .param("operation", operation).param("key", key).update();
            return new Claim.Owned(leaseToken);
        }
        throw inUse();
    }

    private static ApiException inUse() {
        return ApiException.conflict("idempotency_key_in_use",
                "A request with this idempotency key is still being processed; retry shortly");
    }

    private String hash(Object request) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = canonicalJson.convertValue(request, Map.class);
        fields.remove("idempotency_key");
        byte[] canonical = canonicalJson.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The created resource and its id (what a replay loads). */
    public record Created<T>(String id, T resource) {
    }

    private sealed interface Claim {
        record Owned(String leaseToken) implements Claim {
        }

        record Finished(String resourceId) implements Claim {
        }
    }
}
