package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.support.Api;

/** The zero-setup default: no database configured → embedded PostgreSQL whose data survives a restart. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseTest {

    private static final Pattern CREDENTIALS = Pattern.compile(
            "Beta Capital.*?client_id:\\s+(\\S+)\\s+client_secret:\\s+(\\S+)", Pattern.DOTALL);

    @Test
    void serverStartsOnItsOwnDatabaseAndKeepsDataAcrossRestarts(CapturedOutput output) throws IOException {
        Path dataDirectory = Files.createTempDirectory("keystone-embedded");
        String clientId;
        String clientSecret;

        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            Matcher printed = CREDENTIALS.matcher(output.getOut());
            assertThat(printed.find()).isTrue();
            clientId = printed.group(1);
            clientSecret = printed.group(2);
            assertThat(api(first).get("/v1/platforms/me", api(first).token(clientId, clientSecret)).text("name"))
                    .isEqualTo("Beta Capital");
        }
        assertThat(dataDirectory.resolve("postgres/PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            Api node = api(second);
            assertThat(node.get("/v1/platforms/me", node.token(clientId, clientSecret)).text("name"))
                    .isEqualTo("Beta Capital");
            assertThat(node.get("/actuator/health", null).text("status")).isEqualTo("UP");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(KeystoneApplication.class)
                .run("--server.port=0", "--keystone.seed.demo-data=true", "--keystone.database.url=",
                        "--keystone.database.embedded-data-directory=" + dataDirectory.resolve("postgres"));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
