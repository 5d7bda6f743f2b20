package xyz.keystoneos.cli;

import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import xyz.keystoneos.sdk.KeystoneSyncClient;

/** Shared helpers of the subcommands: the root command's context, output, style and API access. */
abstract class BaseCommand {

    @Spec
    CommandSpec spec;

    KeystoneCommand root() {
        return (KeystoneCommand) spec.root().userObject();
    }

    CliContext context() {
        return root().context();
    }

    PrintStream out() {
        return context().out();
    }

    Style style() {
        return root().style();
    }

    KeystoneSyncClient client() {
        return root().client();
    }

    RawApi raw() {
        return root().raw();
    }

    void printJson(Object value) {
        out().println(CliJson.pretty(value));
    }
}
