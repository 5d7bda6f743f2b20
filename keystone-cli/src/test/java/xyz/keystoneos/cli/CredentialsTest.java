package xyz.keystoneos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The credentials file: permissions, refusal of a file others can read, profiles, login and logout. */
class CredentialsTest extends StubApiTest {

    private Path configDir() {
        return home.resolve(".config").resolve("keystone");
    }

    @Test
    void savedCredentialsAreMode600InADirectoryOfMode700AndReadBack() throws Exception {
        CredentialStore store = new CredentialStore(configDir());
        store.save(new Profile("default", "http://localhost:8080", null, "ksc_1", "kss_secret"));
        store.save(new Profile("prod", "https://api.example.com", "auth.example.com", "ksc_2", "kss_other"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir()))).isEqualTo("rwx------");
        assertThat(store.load()).containsOnlyKeys("default", "prod");
        assertThat(store.profile("default")).get().satisfies(p -> {
            assertThat(p.clientSecret()).isEqualTo("kss_secret");
            assertThat(p.authUrl()).isEqualTo("http://localhost:8080");
        });
        assertThat(store.profile("prod").orElseThrow().authUrl()).isEqualTo("auth.example.com");
        assertThat(store.profile("prod").orElseThrow().toString()).doesNotContain("kss_other");
        try (var leftovers = Files.list(configDir())) {
            assertThat(leftovers).containsExactly(store.file()); // no temporary file left behind
        }
    }

    @Test
    void aCredentialsFileReadableByOthersIsRefused() throws Exception {
        CredentialStore store = new CredentialStore(configDir());
        store.save(new Profile("default", "http://localhost:8080", null, "ksc_1", "kss_secret"));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(store::load).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(e.getMessage()).contains("accessible by others", "rw-r--r--", "chmod 600");
        });

        CliRun run = CliRun.in(home).run("settlements", "list");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("Refusing to use").contains("chmod 600");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void aGroupWritableFileIsRefusedToo() throws Exception {
        CredentialStore store = new CredentialStore(configDir());
        store.save(new Profile("default", "http://localhost:8080", null, "ksc_1", "kss_secret"));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw--w----"));
        assertThatThrownBy(store::load).isInstanceOf(CliException.class);
    }

    @Test
    void saveTightensAnExistingDirectoryAndFile() throws Exception {
        Files.createDirectories(configDir());
        Files.setPosixFilePermissions(configDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        CredentialStore store = new CredentialStore(configDir());
        store.save(new Profile("default", "http://localhost:8080", null, "ksc_1", "kss_secret"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir()))).isEqualTo("rwx------");
    }

    @Test
    void aMalformedFileIsReportedWithItsLine() {
        assertThatThrownBy(() -> CredentialStore.parse("[default]\nbase_url = x\njunk\n"))
                .isInstanceOf(CliException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> CredentialStore.parse("[default]\nbase_url = http://x\n"))
                .isInstanceOf(CliException.class).hasMessageContaining("lacks");
    }

    @Test
    void loginVerifiesTheCredentialsWithPingAndStoresThemReadingTheSecretFromStdin() throws Exception {
        CliRun run = CliRun.in(home).stdin("kss_good\n")
                .run("login", "--base-url", api.url(), "--client-id", "ksc_test", "--client-secret-stdin");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Logged in as ksc_test", "development (sandbox", "settlements:read",
                "mode 600");
        assertThat(run.out).doesNotContain("kss_good");
        assertThat(api.requests).extracting(StubApi.Request::path).containsExactly("/oauth/token", "/v1/ping");
        assertThat(api.requests.get(1).authorization()).isEqualTo("Bearer tok");
        Path file = configDir().resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("[default]", "client_id = ksc_test", "client_secret = kss_good",
                "base_url = " + api.url());

        CliRun whoami = CliRun.in(home).run("whoami");
        assertThat(whoami.exitCode).as(whoami.toString()).isZero();
        assertThat(whoami.out).contains("ksc_test", "development");
    }

    @Test
    void loginTakesTheSecretFromTheEnvironmentAndAProfileNameAfterTheSubcommand() {
        CliRun run = CliRun.in(home).env("KEYSTONE_CLIENT_SECRET", "kss_good").env("KEYSTONE_CLIENT_ID", "ksc_test")
                .run("login", "--base-url", api.url(), "--profile", "staging");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(new CredentialStore(configDir()).load()).containsOnlyKeys("staging");
    }

    @Test
    void loginWithAWrongSecretFailsWithExitCode1AndStoresNothing() {
        CliRun run = CliRun.in(home).stdin("kss_wrong\n")
                .run("login", "--base-url", api.url(), "--client-id", "ksc_test", "--client-secret-stdin");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("401", "invalid_client");
        assertThat(configDir().resolve("credentials")).doesNotExist();
    }

    @Test
    void loginWithoutAnySecretSourceIsAUsageError() {
        CliRun run = CliRun.in(home).run("login", "--base-url", api.url(), "--client-id", "ksc_test");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("--client-secret-stdin");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void logoutRemovesOneProfileThenTheFile() {
        CredentialStore store = new CredentialStore(configDir());
        store.save(new Profile("default", api.url(), null, "ksc_1", "kss_good"));
        store.save(new Profile("other", api.url(), null, "ksc_2", "kss_good"));

        CliRun first = CliRun.in(home).run("logout", "--profile", "other");
        assertThat(first.exitCode).isZero();
        assertThat(store.load()).containsOnlyKeys("default");
        CliRun second = CliRun.in(home).run("logout");
        assertThat(second.out).contains("Logged out");
        assertThat(store.file()).doesNotExist();
        CliRun third = CliRun.in(home).run("logout");
        assertThat(third.exitCode).isZero();
        assertThat(third.out).contains("Not logged in");
    }

    @Test
    void theConfigDirectoryComesFromTheEnvironmentOrTheOption() {
        Path elsewhere = home.resolve("elsewhere");
        CliRun run = CliRun.in(home).env("KEYSTONE_CONFIG_DIR", elsewhere.toString()).stdin("kss_good\n")
                .run("login", "--base-url", api.url(), "--client-id", "ksc_test", "--client-secret-stdin");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(elsewhere.resolve("credentials")).exists();

        Path option = home.resolve("option");
        CliRun second = CliRun.in(home).stdin("kss_good\n").run("--config-dir", option.toString(), "login",
                "--base-url", api.url(), "--client-id", "ksc_test", "--client-secret-stdin");
        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(option.resolve("credentials")).exists();
    }

    @Test
    void environmentCredentialsNeedNoFile() {
        CliRun run = CliRun.in(home).env("KEYSTONE_CLIENT_ID", "ksc_test").env("KEYSTONE_CLIENT_SECRET", "kss_good")
                .env("KEYSTONE_BASE_URL", api.url()).run("whoami", "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("\"environment_slug\" : \"development\"");
    }
}
