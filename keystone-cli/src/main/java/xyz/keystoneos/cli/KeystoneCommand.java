package xyz.keystoneos.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneSyncClient;

/** {@code keystone}: the root command, its global options and the connection the subcommands share. */
@Command(name = "keystone", mixinStandardHelpOptions = true, versionProvider = KeystoneCommand.Version.class,
        description = "KeyStone OS command line: log in, submit and follow instructions and settlements, verify a "
                + "settlement's event hash chain, forward live events to a local webhook receiver.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, InstructionsCommand.class,
                SettlementsCommand.class, EventsCommand.class, ListenCommand.class},
        footer = {"", "Credentials: `keystone login` stores them in ~/.config/keystone/credentials (mode 600), or set "
                + "KEYSTONE_CLIENT_ID, KEYSTONE_CLIENT_SECRET and KEYSTONE_BASE_URL.",
                "Exit codes: 0 ok, 1 failure (API error, failed verification, failed settlement), 2 usage."})
public final class KeystoneCommand implements AutoCloseable {

    static final String DEFAULT_BASE_URL = "http://localhost:8080";

    private final CliContext context;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private KeystoneSyncClient client;
    private RawApi raw;
    private Profile profile;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Credentials profile (default: $KEYSTONE_PROFILE or 'default').")
    String profileName;

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where the credentials file lives (default: $KEYSTONE_CONFIG_DIR, "
                    + "$XDG_CONFIG_HOME/keystone or ~/.config/keystone).")
    Path configDir;

    @Option(names = "--color", scope = ScopeType.INHERIT, paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours: ${COMPLETION-CANDIDATES} (default: auto = only on a terminal without NO_COLOR).")
    Style.ColorMode colorMode = Style.ColorMode.AUTO;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (same as --color=never).")
    boolean noColor;

    public KeystoneCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    public Style style() {
        return Style.resolve(colorMode, noColor, context);
    }

    public String profileName() {
        if (profileName != null) {
            return profileName;
        }
        String fromEnv = context.env("KEYSTONE_PROFILE");
        return fromEnv != null ? fromEnv : Profile.DEFAULT;
    }

    public CredentialStore store() {
        return new CredentialStore(CredentialStore.directory(context, configDir));
    }

    /**
     * The credentials to use: {@code KEYSTONE_CLIENT_ID} + {@code KEYSTONE_CLIENT_SECRET} from the environment
     * (unless {@code --profile} is given), else the profile of the credentials file.
     */
    public Profile profile() {
        if (profile != null) {
            return profile;
        }
        String id = context.env("KEYSTONE_CLIENT_ID");
        String secret = context.env("KEYSTONE_CLIENT_SECRET");
        if (profileName == null && id != null && secret != null) {
            String base = context.env("KEYSTONE_BASE_URL");
            profile = new Profile("(environment)", base != null ? base : DEFAULT_BASE_URL,
                    context.env("KEYSTONE_AUTH_URL"), id, secret);
            return profile;
        }
        String name = profileName();
        CredentialStore store = store();
        profile = store.profile(name).orElseThrow(() -> CliException.failed("Not logged in (profile '" + name
                + "', " + store.file() + "). Run `keystone login`"
                + (Profile.DEFAULT.equals(name) ? "" : " --profile " + name)
                + ", or set KEYSTONE_CLIENT_ID and KEYSTONE_CLIENT_SECRET."));
        return profile;
    }

    /** The SDK client for the current credentials (created once, closed after the command). */
    public KeystoneSyncClient client() {
        if (client == null) {
            client = sdkClient(profile());
            resources.add(client);
        }
        return client;
    }

    /** Direct HTTP reads the SDK lacks (ping, events feed, raw settlement events). */
    public RawApi raw() {
        if (raw == null) {
            raw = new RawApi(profile(), CliJson.mapper(), KeystoneClient.DEFAULT_TIMEOUT);
        }
        return raw;
    }

    static KeystoneSyncClient sdkClient(Profile profile) {
        return KeystoneClient.builder().clientId(profile.clientId()).clientSecret(profile.clientSecret())
                .baseUrl(profile.baseUrl()).authDomain(profile.authUrl()).timeout(Duration.ofSeconds(30))
                .buildSync();
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing the SDK client only stops its scheduler
            }
        }
        resources.clear();
    }

    /** {@code --version}. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"keystone-cli " + KeystoneCli.VERSION + " (SDK " + KeystoneClient.VERSION + ", Java "
                    + Runtime.version() + ")"};
        }
    }
}
