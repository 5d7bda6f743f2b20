package xyz.keystoneos.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured output, a given environment, stdin and home directory. */
final class CliRun {

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static Builder in(Path home) {
        return new Builder(home);
    }

    static final class Builder {
        private final Path home;
        private final Map<String, String> env = new HashMap<>();
        private String stdin = "";
        private boolean interactive;

        Builder(Path home) {
            this.home = home;
        }

        Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Builder stdin(String text) {
            stdin = text;
            return this;
        }

        Builder interactive() {
            interactive = true;
            return this;
        }

        CliRun run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CliContext context = new CliContext(env, home,
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    interactive, null, java.time.Clock.systemUTC());
            int code = KeystoneCli.run(context, args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
