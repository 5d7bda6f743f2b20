package xyz.keystoneos.cli;

import java.io.PrintStream;

/**
 * A one-line progress indicator on standard error ({@code ⠋ Waiting for events…}), redrawn in place. It only draws
 * when the output is a terminal; otherwise every call does nothing, so pipes and logs stay clean. Not thread-safe:
 * call it from the command's own loop ({@link #tick(String)} between polls, {@link #clear()} before printing a
 * line).
 */
public final class Spinner {

    private static final String[] FRAMES = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintStream stream;
    private final boolean enabled;
    private final Style style;
    private int frame;
    private boolean shown;

    public Spinner(PrintStream stream, boolean enabled, Style style) {
        this.stream = stream;
        this.enabled = enabled;
        this.style = style;
    }

    /** Draws the next frame with a message. */
    public void tick(String message) {
        if (!enabled) {
            return;
        }
        String line = style.cyan(FRAMES[frame++ % FRAMES.length]) + " " + style.dim(message);
        stream.print("\r\u001b[2K" + line);
        stream.flush();
        shown = true;
    }

    /** Erases the spinner line, so that the next output starts on a clean line. */
    public void clear() {
        if (enabled && shown) {
            stream.print("\r\u001b[2K");
            stream.flush();
            shown = false;
        }
    }

    public boolean enabled() {
        return enabled;
    }
}
