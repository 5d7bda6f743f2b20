package xyz.keystoneos.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 500ms} or ISO-8601 {@code PT2H}. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SIMPLE.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration (examples: 500ms, 30s, 15m, 2h, 1d, PT2H)");
        }
    }

    /** An RFC 3339 instant, or a duration from now ({@code 2h} = two hours from now). */
    public static Instant instantOrFromNow(String value, Instant now) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now.plus(parse(value));
            } catch (CommandLine.TypeConversionException notADuration) {
                throw CliException.usage("'" + value + "' is neither an RFC 3339 time (2026-12-01T12:00:00Z) nor a "
                        + "duration from now (2h, 1d)");
            }
        }
    }
}
