package xyz.keystoneos.cli;

import java.util.ArrayList;
import java.util.List;
import xyz.keystoneos.sdk.resources.AutoPagingIterable;

/** Fetching every page with a progress line, and the "showing x-y of n" footer. */
final class Paging {

    private Paging() {
    }

    static <T> List<T> collect(AutoPagingIterable<T> iterable, BaseCommand command, String what) {
        Spinner spinner = new Spinner(command.context().err(), command.context().interactive(), command.style());
        List<T> items = new ArrayList<>();
        try {
            for (T item : iterable) {
                items.add(item);
                if (items.size() % 10 == 1) {
                    spinner.tick("Fetched " + items.size() + " " + what + "…");
                }
            }
        } finally {
            spinner.clear();
        }
        return items;
    }

    static String footer(int offset, int shown, long total) {
        if (shown == 0) {
            return "Total: " + total;
        }
        return "Showing " + (offset + 1) + "-" + (offset + shown) + " of " + total
                + (offset + shown < total ? " (--offset " + (offset + shown) + " for more, or --all)" : "");
    }
}
