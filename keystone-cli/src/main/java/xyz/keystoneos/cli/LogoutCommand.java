package xyz.keystoneos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keystone logout}: forgets a profile's stored credentials (or all of them). */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Remove the stored credentials of the profile (--all: of every profile). The M2M client itself "
                + "stays valid; revoke it in the dashboard to disable it.")
final class LogoutCommand extends BaseCommand implements Callable<Integer> {

    @Option(names = "--all", description = "Delete the whole credentials file.")
    boolean all;

    @Override
    public Integer call() {
        CredentialStore store = root().store();
        if (all) {
            out().println(store.removeAll() ? "Removed " + store.file() : "No credentials stored at " + store.file());
            return ExitCodes.OK;
        }
        String name = root().profileName();
        out().println(store.remove(name) ? "Logged out (profile " + name + " removed from " + store.file() + ")"
                : "Not logged in (no profile " + name + " in " + store.file() + ")");
        return ExitCodes.OK;
    }
}
