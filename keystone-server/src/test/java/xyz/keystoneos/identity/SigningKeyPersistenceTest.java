package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.identity.internal.SigningKeys;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.TestDatabase;

/**
 * Starts whole server nodes against one fresh database: the first start seeds the demo tenants and prints their
 * credentials once; a second node shares the signing keys; keys survive a full restart and a rotation.
 */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyPersistenceTest {

    private static final Pattern CREDENTIALS = Pattern.compile(
            "Acme Securities.*?client_id:\\s+(\\S+)\\s+client_secret:\\s+(\\S+)", Pattern.DOTALL);

    @Test
    void keysAreSharedByNodesAndSurviveRestartAndRotation(CapturedOutput output) {
        TestDatabase.Database database = TestDatabase.create();
        String token;
        String jwks;
        String clientId;
        String clientSecret;

        try (ConfigurableApplicationContext first = start(database)) {
            Matcher printed = CREDENTIALS.matcher(output.getOut());
            assertThat(printed.find()).as("first start prints the demo credentials").isTrue();
            clientId = printed.group(1);
            clientSecret = printed.group(2);
            Api nodeA = api(first);
            token = nodeA.token(clientId, clientSecret);
            jwks = nodeA.get("/.well-known/jwks.json", null).rawBody();
            int printedSoFar = output.getOut().length();

            try (ConfigurableApplicationContext second = start(database)) {
                Api nodeB = api(second);
                assertThat(output.getOut().substring(printedSoFar)).doesNotContain("client_secret:");
                assertThat(nodeB.get("/.well-known/jwks.json", null).rawBody()).isEqualTo(jwks);
                ApiResponse onB = nodeB.get("/v1/platforms/me", token);
                assertThat(onB.status()).isEqualTo(200);
                assertThat(onB.text("name")).isEqualTo("Acme Securities");
                assertThat(nodeA.get("/v1/ping", nodeB.token(clientId, clientSecret)).status()).isEqualTo(200);
            }
        }

        try (ConfigurableApplicationContext restarted = start(database)) {
            Api node = api(restarted);
            assertThat(node.get("/.well-known/jwks.json", null).rawBody()).isEqualTo(jwks);
            assertThat(node.get("/v1/ping", token).status()).as("token from before the restart").isEqualTo(200);

            String newKid = restarted.getBean(SigningKeys.class).rotate();
            String afterRotation = node.token(clientId, clientSecret);
            assertThat(TokenIssuanceTest.claimsOf(afterRotation)).isNotNull();
            assertThat(node.get("/.well-known/jwks.json", null).rawBody()).contains(newKid);
            assertThat(node.get("/v1/ping", afterRotation).status()).isEqualTo(200);
            assertThat(node.get("/v1/ping", token).status()).as("token signed by the retired key").isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase.Database database) {
        return new SpringApplicationBuilder(KeystoneApplication.class)
                .run("--server.port=0", "--keystone.seed.demo-data=true",
                        "--keystone.database.url=" + database.url(),
                        "--keystone.database.username=" + database.username(),
                        "--keystone.database.password=" + database.password());
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
