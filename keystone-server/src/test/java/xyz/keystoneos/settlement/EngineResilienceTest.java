package xyz.keystoneos.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestDatabase;

/**
 * Several server nodes on one database: settlements created on two nodes progress on both; a node stops while they
 * are in flight; a new node finishes them. Every settlement passes each state exactly once, with a gap-free, intact
 * event chain, and value is delivered once.
 */
class EngineResilienceTest {

    private static final List<String> HAPPY_PATH = List.of("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED",
            "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED");

    @Test
    void settlementsSurviveANodeStoppingMidFlightAndAreNeverAdvancedTwice() {
        TestDatabase.Database database = TestDatabase.create();
        int count = 24;
        List<String> ids = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        String token;
        ConfigurableApplicationContext nodeA = start(database);
        ConfigurableApplicationContext nodeB = start(database);
        try {
            RegisteredPlatform platform = nodeA.getBean(PlatformOnboarding.class).registerPlatform("Resilient",
                    "resilient-" + UUID.randomUUID().toString().substring(0, 6));
            ClientCredentials client = nodeA.getBean(PlatformOnboarding.class).createClient(platform.platformId(),
                    platform.environmentId(), "resilience", Scopes.PLATFORM);
            Api a = api(nodeA);
            Api b = api(nodeB);
            token = a.token(client.clientId(), client.clientSecret());
            for (int i = 0; i < count; i++) {
                Api node = i % 2 == 0 ? a : b;
                String seller = SettlementPathsTest.wallet();
                String buyer = SettlementPathsTest.wallet();
                new SettlementFlows(node).fund(token, seller, "BOND-2026-A", "250");
                ApiResponse created = node.post("/v1/settlements", token, SettlementPathsTest.direct("fop-standard",
                        Instant.now().plus(Duration.ofHours(1)), seller, buyer, SettlementPathsTest.BOND_LEG, ""));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                ids.add(created.text("id"));
                buyers.add(buyer);
            }
            for (String id : ids) {
                new SettlementFlows(b).awaitState(token, id, "AWAITING_DEPOSITS");
            }
        } finally {
            nodeA.close();
        }
        try (ConfigurableApplicationContext nodeC = start(database)) {
            SettlementFlows viaB = new SettlementFlows(api(nodeB));
            for (String id : ids) {
                viaB.depositOwnLegs(token, id);
            }
            nodeB.close();
            Api c = api(nodeC);
            SettlementFlows viaC = new SettlementFlows(c);
            for (int i = 0; i < count; i++) {
                String id = ids.get(i);
                Polling.until(() -> viaC.settlement(token, id).get("state").asString(), "FINALIZED"::equals,
                        Duration.ofSeconds(60), id + " to finalise");
                JsonNode events = c.get("/v1/settlements/" + id + "/events", token).body().get("items");
                List<String> states = new ArrayList<>();
                for (int e = 0; e < events.size(); e++) {
                    assertThat(events.get(e).get("sequence").asInt()).isEqualTo(e + 1);
                    states.add(events.get(e).get("to_state").asString());
                }
                assertThat(states).as(id).isEqualTo(HAPPY_PATH);
                assertThat(c.get("/v1/settlements/" + id + "/evidence", token).body().get("valid").asBoolean()).isTrue();
                assertThat(viaC.balance(token, buyers.get(i), "BOND-2026-A")).isEqualTo("250");
            }
        } finally {
            nodeB.close();
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase.Database database) {
        return new SpringApplicationBuilder(KeystoneApplication.class)
                .run("--server.port=0", "--keystone.seed.demo-data=false",
                        "--keystone.database.url=" + database.url(),
                        "--keystone.database.username=" + database.username(),
                        "--keystone.database.password=" + database.password());
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
