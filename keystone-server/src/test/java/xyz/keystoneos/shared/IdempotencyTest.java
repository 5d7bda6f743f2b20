package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.shared.idempotency.Idempotency;
import xyz.keystoneos.shared.idempotency.IdempotentResult;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.support.IntegrationTest;

/** The idempotency mechanism itself, against the real database (the HTTP cases are in the template tests). */
class IdempotencyTest extends IntegrationTest {

    @Autowired
    Idempotency idempotency;

    @Autowired
    JdbcClient jdbc;

    private final String scope = "test:" + UUID.randomUUID();
    private final AtomicInteger created = new AtomicInteger();

    private IdempotentResult<String> run(String key, Map<String, Object> request) {
        return idempotency.execute(scope, "things.create", key, request,
                () -> new Idempotency.Created<>("thing-" + created.incrementAndGet(),
                        "thing-" + created.get()),
                Optional::of);
    }

    @Test
    void firstCallCreatesAndRepeatReplays() {
        IdempotentResult<String> first = run("k1", Map.of("a", 1));
        IdempotentResult<String> again = run("k1", Map.of("a", 1));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.resource()).isEqualTo(first.resource());
        assertThat(created).hasValue(1);
    }

    @Test
    void sameBodyWithFieldsInAnotherOrderIsTheSameRequest() {
        run("k2", Map.of("a", 1, "b", 2, "idempotency_key", "k2"));

        assertThat(run("k2", Map.of("b", 2, "a", 1)).replayed()).isTrue();
    }

    @Test
    void differentBodyIsRefused() {
        run("k3", Map.of("a", 1));

        assertThatThrownBy(() -> run("k3", Map.of("a", 2)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                });
    }

    @Test
    void repeatWhileTheFirstIsRunningIsAConflict() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IdempotentResult<String>> first = CompletableFuture.supplyAsync(() ->
                idempotency.execute(scope, "things.create", "k4", Map.of("a", 1), () -> {
                    started.countDown();
                    await(release);
                    return new Idempotency.Created<>("slow", "slow");
                }, Optional::of));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> run("k4", Map.of("a", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("idempotency_key_in_use");
                });

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).resource()).isEqualTo("slow");
        assertThat(run("k4", Map.of("a", 1)).resource()).isEqualTo("slow");
    }

    @Test
    void failedCreateReleasesTheKey() {
        assertThatThrownBy(() -> idempotency.execute(scope, "things.create", "k5", Map.of("a", 1), () -> {
            throw ApiException.unprocessable("rule_broken", "no");
        }, Optional::of)).isInstanceOf(ApiException.class);

        assertThat(run("k5", Map.of("a", 1)).replayed()).isFalse();
    }

    @Test
    void claimAbandonedByACrashedNodeIsTakenOverAfterItsLease() {
        jdbc.sql("""
                insert into idempotency_keys (scope_id, operation, idempotency_key, request_hash, status, lease_token,
                                              locked_until)
                values (:scope, 'things.create', 'k6', :hash, 'in_flight', 'dead-node', now() - interval '1 second')""")
                .param("scope", scope).param("hash", hashOf(Map.of("a", 1))).update();

        IdempotentResult<String> result = run("k6", Map.of("a", 1));

        assertThat(result.replayed()).isFalse();
        assertThat(created).hasValue(1);
    }

    @Test
    void keysAreScopedPerOwner() {
        run("k7", Map.of("a", 1));

        IdempotentResult<String> elsewhere = idempotency.execute("other:" + UUID.randomUUID(), "things.create", "k7",
                Map.of("a", 2), () -> new Idempotency.Created<>("x", "x"), Optional::of);

        assertThat(elsewhere.replayed()).isFalse();
    }

    /** The hash the service stores, learned by letting it store one. */
    private String hashOf(Map<String, Object> request) {
        String probeScope = "probe:" + UUID.randomUUID();
        idempotency.execute(probeScope, "probe", "p", request, () -> new Idempotency.Created<>("p", "p"),
                Optional::of);
        return jdbc.sql("select request_hash from idempotency_keys where scope_id = :scope")
                .param("scope", probeScope).query(String.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
