package xyz.keystoneos.cli;

/** The exit codes of every command. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;

    /** An API error, a failed verification, a settlement that ended in failure, a refused credentials file. */
    public static final int FAILED = 1;

    /** Wrong usage: unknown command or option, missing or malformed argument. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
