package xyz.keystoneos.support;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.Scopes;

/**
 * Base of the integration tests: the real application on a random port, against a fresh PostgreSQL database for
 * this test run, spoken to over real HTTP with real tokens. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"keystone.seed.demo-data=false", "keystone.webhooks.allow-private-targets=true",
                "keystone.webhooks.timeout=PT2S",
                // This context stays open for the whole run beside the suite's other contexts and nodes: keep few
                // idle connections, so they all fit in one PostgreSQL's max_connections (100 by default).
                "keystone.database.minimum-idle=2", "keystone.database.idle-timeout=10s"})
public abstract class IntegrationTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("keystone.database.url", DATABASE::url);
        registry.add("keystone.database.username", DATABASE::username);
        registry.add("keystone.database.password", DATABASE::password);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected PlatformOnboarding onboarding;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** A new platform with its sandbox environment and a client holding every platform scope. */
    protected TestPlatform newPlatform() {
        return newPlatform(Scopes.PLATFORM);
    }

    protected TestPlatform newPlatform(Set<String> scopes) {
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 12);
        RegisteredPlatform platform = onboarding.registerPlatform("Platform " + slug, slug);
        ClientCredentials client = onboarding.createClient(platform.platformId(), platform.environmentId(),
                "test client", scopes);
        return new TestPlatform(platform.platformId(), slug, platform.environmentId(), client);
    }

    protected String tokenFor(TestPlatform platform) {
        return api.token(platform.clientId(), platform.clientSecret());
    }

    protected ClientCredentials newOperatorClient() {
        return onboarding.createOperatorClient("test operator");
    }
}
