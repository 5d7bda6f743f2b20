package xyz.keystoneos.cli;

/** A failure a command reports with a message and an exit code, without a stack trace. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad or missing input: exit code 2. */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** The operation failed: exit code 1. */
    public static CliException failed(String message) {
        return new CliException(ExitCodes.FAILED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
