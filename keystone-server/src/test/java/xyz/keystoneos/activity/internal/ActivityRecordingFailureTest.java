package xyz.keystoneos.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.shared.database.RelaxedCommits;

/** The activity log must never fail an API call: a broken write is logged and dropped. */
class ActivityRecordingFailureTest {

    private static final RelaxedCommits NO_DATABASE = new RelaxedCommits(null);

    /**
     * A transaction manager that only counts. Its transactions say they joined an outer one, so the writer's
     * {@link RelaxedCommits} leaves them alone and needs no database.
     */
    static final class CountingTransactions implements PlatformTransactionManager {
        final List<String> outcomes = new ArrayList<>();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus(false);
        }

        @Override
        public void commit(TransactionStatus status) {
            outcomes.add("commit");
        }

        @Override
        public void rollback(TransactionStatus status) {
            outcomes.add("rollback");
        }
    }

    /** A store whose database is gone. */
    static final class BrokenStore extends ActivityStore {
        final List<NewActivity> attempted = new ArrayList<>();

        BrokenStore() {
            super(null, JsonMapper.builder().build());
        }

        @Override
        void insert(NewActivity activity) {
            attempted.add(activity);
            throw new IllegalStateException("connection refused");
        }
    }

    @Test
    void aCallWhoseEntryCannotBeWrittenStillCompletesAndTheWriteIsRolledBack() {
        BrokenStore store = new BrokenStore();
        CountingTransactions transactions = new CountingTransactions();
        ActivityInterceptor interceptor = new ActivityInterceptor(new ActivityWriter(store, transactions, NO_DATABASE));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/settlements");
        request.setAttribute(Caller.class.getName(), new Caller(Caller.Kind.PLATFORM, "ksc_test", UUID.randomUUID(),
                UUID.randomUUID(), "development", "sandbox", Set.of("settlements:write")));
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/v1/settlements");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
        request.setAttribute(ActivityInterceptor.ANSWERED_ID, "3f0c6a8e-0000-4000-8000-000000000001");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(201);

        assertThatCode(() -> {
            interceptor.preHandle(request, response, new Object());
            interceptor.afterCompletion(request, response, new Object(), null);
        }).doesNotThrowAnyException();

        assertThat(store.attempted).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("settlement.created");
            assertThat(entry.actor()).isEqualTo("m2m:ksc_test");
            assertThat(entry.resourceId()).isEqualTo("3f0c6a8e-0000-4000-8000-000000000001");
        });
        assertThat(transactions.outcomes).containsExactly("rollback");
    }

    @Test
    void theWriterReportsAFailedWriteInsteadOfThrowing() {
        ActivityWriter writer = new ActivityWriter(new BrokenStore(), new CountingTransactions(), NO_DATABASE);

        boolean written = writer.write(List.of(new NewActivity(java.time.Instant.now(), null, null, "system:test",
                "login", "auth", null, null, null, null, null, null, null, Map.of())));

        assertThat(written).isFalse();
    }
}
