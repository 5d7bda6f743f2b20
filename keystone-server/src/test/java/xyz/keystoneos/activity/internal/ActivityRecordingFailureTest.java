package xyz.keystoneos.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;

/** The activity log must never fail an API call: a broken write is logged and dropped. */
class ActivityRecordingFailureTest {

    /** Connections to a database that is not there: every transaction fails to begin. */
    private static RelaxedCommitConnections unreachable() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/gone");
        pool.setConnectionTimeout(250);
        return new RelaxedCommitConnections(pool);
    }

    /** A store whose database is gone. */
    static final class BrokenStore extends ActivityStore {
        final List<NewActivity> attempted = new ArrayList<>();

        BrokenStore() {
            super(null, unreachable(), JsonMapper.builder().build());
        }

        @Override
        void insert(NewActivity activity) {
            attempted.add(activity);
            throw new IllegalStateException("connection refused");
        }
    }

    @Test
    void aCallWhoseEntryCannotBeWrittenStillCompletes() {
        BrokenStore store = new BrokenStore();
        ActivityInterceptor interceptor = new ActivityInterceptor(new ActivityWriter(store, unreachable()));
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
    }

    @Test
    void theWriterReportsAFailedWriteInsteadOfThrowing() {
        ActivityWriter writer = new ActivityWriter(new BrokenStore(), unreachable());

        boolean written = writer.write(List.of(entry()));

        assertThat(written).isFalse();
    }

    @Test
    void severalEntriesThatCannotBeWrittenAreReportedInsteadOfThrown() {
        ActivityWriter writer = new ActivityWriter(new BrokenStore(), unreachable());

        boolean written = writer.write(List.of(entry(), entry()));

        assertThat(written).isFalse();
    }

    private static NewActivity entry() {
        return new NewActivity(java.time.Instant.now(), null, null, "system:test", "login", "auth", null, null, null,
                null, null, null, null, Map.of());
    }
}
