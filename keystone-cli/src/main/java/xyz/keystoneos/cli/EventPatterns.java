package xyz.keystoneos.cli;

import java.util.List;

/** Event type patterns as webhook endpoints use them: {@code *}, an exact type, or a prefix ending in {@code .*}. */
public final class EventPatterns {

    private final List<String> patterns;

    public EventPatterns(List<String> patterns) {
        this.patterns = patterns == null || patterns.isEmpty() ? List.of("*") : List.copyOf(patterns);
        for (String pattern : this.patterns) {
            if (pattern.isBlank() || (pattern.contains("*") && !pattern.equals("*") && !(pattern.endsWith(".*")
                    && pattern.indexOf('*') == pattern.length() - 1))) {
                throw CliException.usage("Event pattern '" + pattern + "' must be *, an event type "
                        + "(settlement.state.finalized) or a prefix ending in .* (settlement.*)");
            }
        }
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean matches(String type) {
        if (type == null) {
            return false;
        }
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equals(type)
                    || (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
