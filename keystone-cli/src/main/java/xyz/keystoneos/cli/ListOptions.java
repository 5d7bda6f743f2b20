package xyz.keystoneos.cli;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.resources.AutoPagingIterable;

/**
 * The paging and output options of the list commands ({@code --limit}, {@code --offset}, {@code --all},
 * {@code --json}), used as a picocli {@code @Mixin}, and the listing they drive: one page or every page, printed as
 * a table with the "showing x-y of n" footer or as JSON.
 */
final class ListOptions {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Page size, 1..200 (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip this many.")
    int offset;

    @Option(names = "--all", description = "Fetch every page (shows progress).")
    boolean all;

    @Option(names = "--json", description = "Print as JSON: the page, or with --all every item.")
    boolean json;

    /**
     * Fetches the page at {@code --offset} (or with {@code --all} every page, with a progress line) and prints it:
     * as JSON, or as a table and the paging footer ("No {what}." when empty).
     *
     * @param command   the command printing
     * @param what      what the items are called, plural (for example {@code settlements})
     * @param onePage   fetches the page at the given offset
     * @param everyPage iterates over every page
     * @param table     the table, with its header
     * @param row       adds an item's row to the table
     * @return the exit code
     */
    <T> int fetchAndPrint(BaseCommand command, String what, IntFunction<Page<T>> onePage,
            Supplier<AutoPagingIterable<T>> everyPage, Table table, BiConsumer<Table, T> row) {
        List<T> items;
        long total;
        if (all) {
            items = Paging.collect(everyPage.get(), command, what);
            total = items.size();
        } else {
            Page<T> page = onePage.apply(offset);
            if (json) {
                command.printJson(page);
                return ExitCodes.OK;
            }
            items = page.items();
            total = page.total();
        }
        if (json) {
            command.printJson(items);
            return ExitCodes.OK;
        }
        items.forEach(item -> row.accept(table, item));
        Style style = command.style();
        if (table.size() == 0) {
            command.out().println("No " + what + ".");
        } else {
            table.print(command.out(), style);
        }
        command.out().println(style.dim(Paging.footer(all ? 0 : offset, items.size(), total)));
        return ExitCodes.OK;
    }
}
