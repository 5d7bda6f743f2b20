package xyz.keystoneos.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import xyz.keystoneos.sdk.ApiException;
import xyz.keystoneos.sdk.FieldError;
import xyz.keystoneos.sdk.KeystoneException;
import xyz.keystoneos.sdk.RetryExhaustedException;

/**
 * Entry point of the {@code keystone} command line. {@link #run(CliContext, String...)} runs one command
 * in-process (what the tests use); {@link #main(String[])} runs it for the shell and exits with its code: 0 ok, 1
 * failure (API error, failed verification, settlement that failed), 2 usage.
 */
public final class KeystoneCli {

    /** The CLI version (also in {@code --version} and the {@code User-Agent}). */
    public static final String VERSION = "0.1.0";

    private KeystoneCli() {
    }

    public static void main(String[] args) {
        System.exit(run(CliContext.system(), args));
    }

    /** Runs one command line and answers its exit code. */
    public static int run(CliContext context, String... args) {
        KeystoneCommand root = new KeystoneCommand(context);
        try {
            return commandLine(root).execute(args);
        } finally {
            root.close();
        }
    }

    /** The configured picocli command line of a root command: output to the context, exit codes, error reports. */
    public static CommandLine commandLine(KeystoneCommand root) {
        CliContext context = root.context();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(context.outWriter());
        commandLine.setErr(context.errWriter());
        boolean colors = context.interactive() && context.env("NO_COLOR") == null;
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                colors ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) ->
                report(exception, context.err(), root.style()));
        return commandLine;
    }

    /** Prints a failure without a stack trace (unless it is a bug) and answers the exit code. */
    static int report(Exception exception, PrintStream err, Style style) {
        String prefix = style.red("Error:") + " ";
        if (exception instanceof CliException cli) {
            err.println(prefix + cli.getMessage());
            return cli.exitCode();
        }
        if (exception instanceof ApiException api) {
            StringBuilder message = new StringBuilder("API answered ").append(api.statusCode());
            if (api.code() != null) {
                message.append(' ').append(api.code());
            }
            String detail = api.detail() != null ? api.detail() : api.message();
            if (detail != null) {
                message.append(": ").append(detail);
            }
            err.println(prefix + message);
            for (FieldError field : api.fieldErrors()) {
                err.println("  - " + field.field() + ": " + field.message());
            }
            if (api.requestId() != null) {
                err.println(style.dim("  request id: " + api.requestId()));
            }
            return ExitCodes.FAILED;
        }
        if (exception instanceof RetryExhaustedException retry) {
            err.println(prefix + retry.getMessage()
                    + (retry.getCause() != null ? " (last: " + retry.getCause().getMessage() + ")" : ""));
            return ExitCodes.FAILED;
        }
        if (exception instanceof KeystoneException keystone) {
            err.println(prefix + keystone.getMessage());
            return ExitCodes.FAILED;
        }
        if (exception instanceof IllegalArgumentException
                || (exception instanceof NullPointerException npe && npe.getMessage() != null
                && npe.getMessage().contains("must not be null"))) {
            // the SDK's argument checks (a missing field, a malformed quantity or wallet)
            err.println(prefix + exception.getMessage());
            return ExitCodes.USAGE;
        }
        err.println(prefix + "unexpected " + exception);
        exception.printStackTrace(err);
        return ExitCodes.FAILED;
    }
}
