package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keystone whoami}: what the API resolves the current credentials to ({@code GET /v1/ping}). */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the client, platform, environment and scopes of the current credentials.")
final class WhoamiCommand extends BaseCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the API's answer as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Profile profile = root().profile();
        JsonNode pong = raw().ping();
        if (json) {
            printJson(pong);
            return ExitCodes.OK;
        }
        out().println("profile      " + profile.name());
        out().println("api          " + profile.baseUrl());
        out().println("client       " + pong.path("client_id").asText("-") + " ("
                + pong.path("client_kind").asText("-") + ")");
        out().println("platform     " + pong.path("platform_id").asText("-"));
        out().println("environment  " + pong.path("environment_slug").asText("-") + " ("
                + pong.path("environment_kind").asText("-") + ")");
        StringBuilder scopes = new StringBuilder();
        pong.path("scopes").forEach(s -> scopes.append(scopes.length() == 0 ? "" : " ").append(s.asText()));
        out().println("scopes       " + scopes);
        return ExitCodes.OK;
    }
}
