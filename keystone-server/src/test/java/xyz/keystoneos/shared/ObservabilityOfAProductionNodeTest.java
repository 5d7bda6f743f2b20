package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.TestDatabase;

/**
 * A node configured as in production: JSON logs ({@code KEYSTONE_LOG_FORMAT=ecs}) and metrics open only to a
 * network the test is not on, so the test's loopback calls count as remote. The node is started by hand because
 * the logging format is set once per JVM (see {@link NodeLogging}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityOfAProductionNodeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext node;
    private static Api api;

    @BeforeAll
    static void startNode() {
        NodeLogging.forgetEarlierNodes();
        TestDatabase.Database database = TestDatabase.create();
        node = new SpringApplicationBuilder(KeystoneApplication.class).run("--server.port=0",
                "--keystone.seed.demo-data=false", "--keystone.database.url=" + database.url(),
                "--keystone.database.username=" + database.username(),
                "--keystone.database.password=" + database.password(),
                "--KEYSTONE_LOG_FORMAT=ecs", "--keystone.metrics.allowed-networks=192.0.2.0/24");
        api = new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        NodeLogging.restore();
    }

    /**
     * Logging is one per JVM: the first node to start sets it up (and pins its format in a system property), later
     * nodes keep it. So this node's format needs a clean slate, and the plain format comes back when it stops, for
     * the tests that run after it.
     */
    private static final class NodeLogging {

        private static final String FORMAT = LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT
                .getEnvironmentVariableName();
        private static String earlierFormat;

        static void forgetEarlierNodes() {
            earlierFormat = System.clearProperty(FORMAT);
            system().cleanUp();
        }

        static void restore() {
            System.clearProperty(FORMAT);
            if (earlierFormat != null) {
                System.setProperty(FORMAT, earlierFormat);
            }
            LoggingSystem logging = system();
            logging.cleanUp();
            logging.beforeInitialize();
            logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
        }

        private static LoggingSystem system() {
            return LoggingSystem.get(ObservabilityOfAProductionNodeTest.class.getClassLoader());
        }
    }

    private static PlatformOnboarding onboarding() {
        return node.getBean(PlatformOnboarding.class);
    }

    private static String platformToken() {
        RegisteredPlatform platform = onboarding().registerPlatform("Platform " + UUID.randomUUID(),
                "p-" + UUID.randomUUID().toString().substring(0, 12));
        ClientCredentials client = onboarding().createClient(platform.platformId(), platform.environmentId(),
                "platform", Scopes.PLATFORM);
        return api.token(client.clientId(), client.clientSecret());
    }

    @Test
    void everyLineLoggedDuringARequestIsJsonWithItsRequestId(CapturedOutput output) {
        ClientCredentials operator = onboarding().createOperatorClient("key rotation");
        String token = api.token(operator.clientId(), operator.clientSecret());
        String requestId = "req-json-" + UUID.randomUUID();

        ApiResponse rotated = api.send(HttpRequest.newBuilder(api.uri("/v1/admin/signing-keys/rotate"))
                .header("Authorization", "Bearer " + token).header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(rotated.status()).as(rotated.toString()).isLessThan(300);
        List<JsonNode> lines = output.getOut().lines().filter(line -> line.contains(requestId))
                .map(JSON::readTree).toList();
        assertThat(lines).as(output.getOut()).isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("request_id").asString("")).isEqualTo(requestId))
                .anySatisfy(line -> assertThat(line.path("message").asString("")).contains("Rotated"));
    }

    @Test
    void aScrapeFromOutsideTheAllowedNetworksWithoutATokenIsA401() {
        ApiResponse answer = api.get("/actuator/prometheus", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("missing_token");
    }

    @Test
    void aPlatformTokenCannotScrape() {
        ApiResponse answer = api.get("/actuator/prometheus", platformToken());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("insufficient_scope");
    }

    @Test
    void anOperatorTokenScrapesFromAnywhere() {
        ClientCredentials operator = onboarding().createOperatorClient("scraper");

        ApiResponse answer = api.get("/actuator/prometheus", api.token(operator.clientId(), operator.clientSecret()));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.rawBody()).contains("keystone_engine_jobs_due");
    }

    @Test
    void healthStaysOpenToEveryone() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }
}
