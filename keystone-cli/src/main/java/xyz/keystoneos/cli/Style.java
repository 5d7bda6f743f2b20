package xyz.keystoneos.cli;

import java.util.Locale;

/**
 * ANSI colours, or none. Colours are on only when standard output is a terminal, {@code NO_COLOR} is not set
 * (https://no-color.org) and neither {@code --no-color} nor {@code --color=never} is given; {@code --color=always}
 * forces them (for {@code less -R}).
 */
public final class Style {

    /** The {@code --color} choices. */
    public enum ColorMode { AUTO, ALWAYS, NEVER }

    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    public static Style plain() {
        return new Style(false);
    }

    public static Style ansi() {
        return new Style(true);
    }

    /** Decides from the flags, the environment and whether stdout is a terminal. */
    public static Style resolve(ColorMode mode, boolean noColorFlag, CliContext context) {
        if (noColorFlag || mode == ColorMode.NEVER) {
            return plain();
        }
        if (mode == ColorMode.ALWAYS) {
            return ansi();
        }
        if (context.env("NO_COLOR") != null) {
            return plain();
        }
        String term = context.env("TERM");
        if (term != null && term.equals("dumb")) {
            return plain();
        }
        return context.interactive() ? ansi() : plain();
    }

    public boolean enabled() {
        return enabled;
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String blue(String text) {
        return wrap("34", text);
    }

    public String magenta(String text) {
        return wrap("35", text);
    }

    public String cyan(String text) {
        return wrap("36", text);
    }

    /**
     * A settlement state in its colour: green for {@code FINALIZED}, red for failures, yellow while waiting on
     * someone (compliance review, deposits), cyan for the engine's own steps.
     */
    public String state(String state) {
        if (state == null) {
            return dim("-");
        }
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "FINALIZED" -> bold(green(state));
            case "ROLLED_BACK", "TIMED_OUT", "FAILED" -> bold(red(state));
            case "COMPLIANCE_CHECKING", "AWAITING_DEPOSITS" -> yellow(state);
            case "COMPLIANCE_CLEARED", "EXECUTING_SWAP" -> cyan(state);
            case "INSTRUCTED" -> blue(state);
            default -> magenta(state);
        };
    }

    /** An instruction status in its colour. */
    public String status(String status) {
        if (status == null) {
            return dim("-");
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "matched", "pass", "cleared", "released", "deposited", "succeeded" -> green(status);
            case "cancelled", "expired", "fail", "failed", "rolled_back" -> red(status);
            case "pending_match", "pending", "flagged", "locked" -> yellow(status);
            default -> status;
        };
    }

    /** An HTTP status code: green 2xx, yellow 3xx/4xx, red 5xx and errors. */
    public String httpStatus(int status) {
        String text = Integer.toString(status);
        if (status >= 200 && status < 300) {
            return green(text);
        }
        if (status >= 300 && status < 500) {
            return yellow(text);
        }
        return red(text);
    }

    private String wrap(String code, String text) {
        if (!enabled || text == null || text.isEmpty()) {
            return text;
        }
        return "\u001b[" + code + "m" + text + RESET;
    }

    /** Removes ANSI escape sequences (for measuring widths). */
    public static String strip(String text) {
        return text == null ? "" : text.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
