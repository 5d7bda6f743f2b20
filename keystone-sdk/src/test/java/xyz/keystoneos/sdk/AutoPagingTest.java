package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import xyz.keystoneos.sdk.StubServer.Reply;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementListParams;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.resources.AutoPagingIterable;

class AutoPagingTest {

    @RegisterExtension
    final StubServer server = StubServer.start();

    private static String items(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> "{\"id\":\"" + id + "\",\"state\":\"FINALIZED\"}")
                .collect(Collectors.joining(","));
    }

    /** Answers by query: first page, then the pages after s2 and after s4. */
    private void fivePagesOfTwo() {
        server.on("GET", "/v1/settlements", Reply.json(200, Fixtures.page(items("s1", "s2"), 5, 2, 0)),
                Reply.json(200, Fixtures.page(items("s3", "s4"), 5, 2, 0)),
                Reply.json(200, Fixtures.page(items("s5"), 5, 2, 0)));
    }

    private static SettlementListParams finalizedByTwo() {
        return SettlementListParams.builder().state(SettlementState.FINALIZED).limit(2).build();
    }

    @Test
    void iterationFetchesFurtherPagesWithTheCursorOfTheLastItem() {
        fivePagesOfTwo();
        List<String> ids = new ArrayList<>();
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            for (Settlement settlement : client.settlements().listAutoPaging(finalizedByTwo())) {
                ids.add(settlement.id());
            }
        }
        assertThat(ids).containsExactly("s1", "s2", "s3", "s4", "s5");
        assertThat(server.apiRequests()).extracting(StubServer.Recorded::uri).containsExactly(
                "/v1/settlements?state=FINALIZED&limit=2",
                "/v1/settlements?state=FINALIZED&limit=2&starting_after=s2",
                "/v1/settlements?state=FINALIZED&limit=2&starting_after=s4");
    }

    @Test
    void pagesAreFetchedOnlyWhenTheIterationNeedsThem() {
        fivePagesOfTwo();
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            AutoPagingIterable<Settlement> all = client.settlements().listAutoPaging(finalizedByTwo());
            assertThat(server.apiRequests()).isEmpty();

            Iterator<Settlement> iterator = all.iterator();
            iterator.next();
            iterator.next();
            assertThat(server.apiRequests()).hasSize(1);

            iterator.next();
            assertThat(server.apiRequests()).hasSize(2);

            all.stream().findFirst();
            assertThat(server.apiRequests()).hasSize(3);
            assertThat(server.apiRequests().get(2).uri()).isEqualTo("/v1/settlements?state=FINALIZED&limit=2");
        }
    }

    @Test
    void forEachAsyncVisitsEveryItemWithoutBlocking() {
        fivePagesOfTwo();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KeystoneClient client = Fixtures.client(server)) {
            client.settlements().listAutoPaging(finalizedByTwo()).forEachAsync(s -> ids.add(s.id())).join();
        }
        assertThat(ids).containsExactly("s1", "s2", "s3", "s4", "s5");
    }

    @Test
    void aFullLastPageEndsWhenTheTotalIsReached() {
        server.on("GET", "/v1/instructions", Reply.json(200, Fixtures.page(
                "{\"id\":\"i1\"},{\"id\":\"i2\"}", 2, 2, 0)));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThat(client.instructions().listAutoPaging(xyz.keystoneos.sdk.model.InstructionListParams.builder()
                    .limit(2).build()).stream().count()).isEqualTo(2);
        }
        assertThat(server.apiRequests()).hasSize(1);
    }

    @Test
    void aFailingPageIsThrownUnwrappedDuringIteration() {
        server.on("GET", "/v1/settlements", Reply.json(200, Fixtures.page(items("s1", "s2"), 5, 2, 0)),
                Reply.problem(403, "insufficient_scope", "needs settlements:read"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            Iterator<Settlement> iterator = client.settlements().listAutoPaging(finalizedByTwo()).iterator();
            iterator.next();
            iterator.next();
            assertThatThrownBy(iterator::hasNext).isInstanceOf(ForbiddenException.class);
        }
    }
}
