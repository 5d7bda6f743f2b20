package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keystone login}: checks the client credentials (a token, then {@code GET /v1/ping}) and stores them in the
 * credentials file. The secret never has to be typed as an argument: it is read from standard input
 * ({@code --client-secret-stdin}), from {@code KEYSTONE_CLIENT_SECRET}, or asked without echo on a terminal.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Verify M2M client credentials and store them (credentials file mode 600, directory 700).",
                "The secret is read from standard input (--client-secret-stdin), from $KEYSTONE_CLIENT_SECRET, or "
                        + "asked without echo on a terminal; it is never taken as an argument."},
        footer = {"", "Examples:",
                "  keystone login --base-url http://localhost:8080 --client-id ksc_123   (asks for the secret)",
                "  printf '%s' \"$SECRET\" | keystone login --client-id ksc_123 --client-secret-stdin",
                "  keystone login --profile prod --base-url https://api.keystoneos.xyz --auth-url auth.keystoneos.xyz"})
final class LoginCommand extends BaseCommand implements Callable<Integer> {

    @Option(names = "--base-url", paramLabel = "URL",
            description = "API base URL (default: $KEYSTONE_BASE_URL or " + KeystoneCommand.DEFAULT_BASE_URL + ").")
    String baseUrl;

    @Option(names = "--auth-url", paramLabel = "URL",
            description = "Authorization server, a URL or a domain (default: the base URL; $KEYSTONE_AUTH_URL).")
    String authUrl;

    @Option(names = "--client-id", paramLabel = "ID", description = "M2M client id (default: $KEYSTONE_CLIENT_ID).")
    String clientId;

    @Option(names = "--client-secret-stdin", description = "Read the client secret from the first line of stdin.")
    boolean secretFromStdin;

    @Override
    public Integer call() {
        CliContext context = context();
        String base = first(baseUrl, context.env("KEYSTONE_BASE_URL"));
        if (base == null) {
            String answer = context.prompt("API base URL [" + KeystoneCommand.DEFAULT_BASE_URL + "]: ");
            base = answer == null || answer.isBlank() ? KeystoneCommand.DEFAULT_BASE_URL : answer.strip();
        }
        String auth = first(authUrl, context.env("KEYSTONE_AUTH_URL"));
        String id = first(clientId, context.env("KEYSTONE_CLIENT_ID"));
        if (id == null) {
            String answer = context.prompt("Client id: ");
            id = answer == null || answer.isBlank() ? null : answer.strip();
        }
        if (id == null) {
            throw CliException.usage("No client id: pass --client-id or set KEYSTONE_CLIENT_ID.");
        }
        String secret = secret(context);
        Profile profile = new Profile(root().profileName(), base.strip(), auth == null ? null : auth.strip(), id,
                secret);
        checkUrl(profile.baseUrl(), "--base-url");

        RawApi api = new RawApi(profile, CliJson.mapper(), java.time.Duration.ofSeconds(30));
        JsonNode pong = api.ping();
        CredentialStore store = root().store();
        store.save(profile);

        Style style = style();
        out().println(style.green("✔") + " Logged in as " + style.bold(pong.path("client_id").asText(id)) + " on "
                + profile.baseUrl());
        out().println("  platform    " + pong.path("platform_id").asText("-"));
        out().println("  environment " + pong.path("environment_slug").asText("-") + " ("
                + pong.path("environment_kind").asText("-") + ", " + pong.path("environment_id").asText("-") + ")");
        List<String> scopes = new ArrayList<>();
        pong.path("scopes").forEach(s -> scopes.add(s.asText()));
        out().println("  scopes      " + String.join(" ", scopes));
        out().println("Saved to " + store.file() + " (profile " + profile.name() + ", mode 600)");
        return ExitCodes.OK;
    }

    private String secret(CliContext context) {
        if (secretFromStdin) {
            String line = context.readStdinLine();
            if (line == null || line.isBlank()) {
                throw CliException.usage("--client-secret-stdin: standard input held no secret.");
            }
            return line.strip();
        }
        String fromEnv = context.env("KEYSTONE_CLIENT_SECRET");
        if (fromEnv != null) {
            return fromEnv.strip();
        }
        char[] typed = context.promptSecret("Client secret (hidden): ");
        if (typed != null && typed.length > 0) {
            return new String(typed).strip();
        }
        throw CliException.usage("No client secret: use --client-secret-stdin, set KEYSTONE_CLIENT_SECRET, "
                + "or run on a terminal to be asked.");
    }

    static void checkUrl(String url, String option) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw CliException.usage(option + " must be an http(s) URL with a host, was '" + url + "'");
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(option + " is not a URL: '" + url + "'");
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
