package xyz.keystoneos.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch outside itself: environment variables, the home directory, standard input and output,
 * whether output goes to a terminal, the console for hidden prompts, and the clock. {@link #system()} is the real
 * one; tests build their own, so that commands run in-process with captured output and a temporary config
 * directory.
 */
public final class CliContext {

    private final Map<String, String> env;
    private final Path home;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final Console console;
    private final Clock clock;
    private BufferedReader stdinReader;

    public CliContext(Map<String, String> env, Path home, InputStream stdin, PrintStream out, PrintStream err,
            boolean interactive, Console console, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = Objects.requireNonNull(home, "home");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.interactive = interactive;
        this.console = console;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The process's real context: {@code System.getenv()}, {@code user.home}, the standard streams. */
    public static CliContext system() {
        Console console = System.console();
        boolean terminal = console != null && isTerminal(console);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), System.in, out, System.err,
                terminal, terminal ? console : null, Clock.systemUTC());
    }

    /** For tests and scripts: no terminal, no console. */
    public static CliContext of(Map<String, String> env, Path home, InputStream stdin, PrintStream out,
            PrintStream err) {
        return new CliContext(env, home, stdin, out, err, false, null, Clock.systemUTC());
    }

    /**
     * Java 17-21 return a console only when both standard input and output are terminals; Java 22+ always return
     * one and tell with {@code Console.isTerminal()}.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException olderJdk) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public Path home() {
        return home;
    }

    public InputStream stdin() {
        return stdin;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public PrintWriter outWriter() {
        return new PrintWriter(out, true);
    }

    public PrintWriter errWriter() {
        return new PrintWriter(err, true);
    }

    /** Whether standard output is a terminal (colours, spinners and prompts only then). */
    public boolean interactive() {
        return interactive;
    }

    public Clock clock() {
        return clock;
    }

    /** Reads one line of standard input, without its line end; {@code null} at the end of input. */
    public String readStdinLine() {
        try {
            if (stdinReader == null) {
                stdinReader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            return stdinReader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    /** Asks on the terminal; {@code null} when there is none. */
    public String prompt(String question) {
        if (console == null) {
            return null;
        }
        return console.readLine("%s", question);
    }

    /** Asks on the terminal without echoing the answer; {@code null} when there is none. */
    public char[] promptSecret(String question) {
        if (console == null) {
            return null;
        }
        return console.readPassword("%s", question);
    }
}
