package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.TestDatabase;

/**
 * Two server nodes on one database behave as one: they share an environment's rate-limit budget, and a session
 * revoked or an allowlist entry added through one node is enforced by the other on its next request.
 */
class TwoNodePlatformAccessTest {

    @Test
    void twoNodesShareBudgetsRevocationsAndAllowlists() throws Exception {
        TestDatabase.Database database = TestDatabase.create();
        ConfigurableApplicationContext nodeA = start(database);
        ConfigurableApplicationContext nodeB = start(database);
        try {
            Api apiA = api(nodeA);
            Api apiB = api(nodeB);
            PlatformOnboarding onboarding = nodeA.getBean(PlatformOnboarding.class);
            RegisteredPlatform platform = onboarding.registerPlatform("Two Nodes",
                    "two-" + UUID.randomUUID().toString().substring(0, 6));
            ClientCredentials client = onboarding.createClient(platform.platformId(), platform.environmentId(),
                    "client", Scopes.PLATFORM);
            String token = apiA.token(client.clientId(), client.clientSecret());
            assertThat(apiA.patch("/v1/platforms/me/environments/" + platform.environmentId(), token,
                    "{\"rate_limit_rpm\": 20}").status()).isEqualTo(200);

            int accepted = 0;
            int limited = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    Api node = i % 2 == 0 ? apiA : apiB;
                    answers.add(pool.submit(() -> node.get("/v1/platforms/me", token).status()));
                }
                for (Future<Integer> answer : answers) {
                    int status = answer.get();
                    accepted += status == 200 ? 1 : 0;
                    limited += status == 429 ? 1 : 0;
                }
            }
            assertThat(accepted).as("one budget of 20 for both nodes").isEqualTo(20);
            assertThat(limited).isEqualTo(10);

            RegisteredPlatform other = onboarding.registerPlatform("Other",
                    "oth-" + UUID.randomUUID().toString().substring(0, 6));
            ClientCredentials otherClient = onboarding.createClient(other.platformId(), other.environmentId(),
                    "client", Scopes.PLATFORM);
            String otherToken = apiA.token(otherClient.clientId(), otherClient.clientSecret());
            var session = apiA.post("/v1/sessions", otherToken, "{}");
            String sessionToken = session.text("access_token");
            assertThat(apiB.get("/v1/instructions", sessionToken).status()).isEqualTo(200);
            assertThat(apiA.delete("/v1/sessions/" + session.text("id"), otherToken).status()).isEqualTo(204);
            assertThat(apiB.get("/v1/instructions", sessionToken).code()).isEqualTo("session_revoked");

            String second = apiA.post("/v1/platforms/me/environments", otherToken,
                    "{\"name\": \"Ops\", \"slug\": \"ops\", \"kind\": \"sandbox\"}").text("id");
            ClientCredentials opsClient = onboarding.createClient(other.platformId(), UUID.fromString(second), "ops",
                    Scopes.PLATFORM);
            String opsToken = apiA.token(opsClient.clientId(), opsClient.clientSecret());
            assertThat(apiA.post("/v1/platforms/me/environments/" + other.environmentId() + "/ip-allowlist", opsToken,
                    "{\"cidr\": \"192.0.2.0/24\"}").status()).isEqualTo(201);
            assertThat(apiB.get("/v1/platforms/me", otherToken).code()).isEqualTo("ip_not_allowed");
        } finally {
            nodeB.close();
            nodeA.close();
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
