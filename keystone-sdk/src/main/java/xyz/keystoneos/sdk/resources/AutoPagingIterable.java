package xyz.keystoneos.sdk.resources;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import xyz.keystoneos.sdk.internal.Futures;
import xyz.keystoneos.sdk.model.Page;

/**
 * Every item of a list, fetched page by page as you go. The first page is fetched with your parameters (limit and
 * offset included); each further page continues after the last item seen ({@code starting_after}), which stays
 * stable while new items arrive. Nothing is fetched before iteration starts; each {@link #iterator()} starts again
 * from the first page.
 *
 * <p>Two ways to consume it:
 * <ul>
 *   <li>{@link #iterator()} / {@link #stream()} / for-each: <b>blocking</b> — a page is fetched when the previous
 *       one is used up. Failures are thrown unwrapped ({@link xyz.keystoneos.sdk.KeystoneException} subclasses).
 *       Do not iterate on a thread that completes SDK futures.</li>
 *   <li>{@link #forEachAsync(Consumer)}: non-blocking — pages are fetched one after the other and the returned
 *       future completes after the last item.</li>
 * </ul>
 *
 * @param <T> the item type
 */
public final class AutoPagingIterable<T> implements Iterable<T> {

    private final Function<String, CompletableFuture<Page<T>>> fetch;
    private final Function<T, String> idOf;
    private final int firstOffset;

    /**
     * Creates the iterable (internal; obtain one from a resource's {@code listAutoPaging}).
     *
     * @param fetch       fetches the page after an item id ({@code null} for the first page)
     * @param idOf        the id of an item
     * @param firstOffset the offset of the first page
     */
    public AutoPagingIterable(Function<String, CompletableFuture<Page<T>>> fetch, Function<T, String> idOf,
            int firstOffset) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.idOf = Objects.requireNonNull(idOf, "idOf");
        this.firstOffset = firstOffset;
    }

    /**
     * Returns a blocking iterator over every item, fetching pages lazily.
     *
     * @return a new iterator starting at the first page
     */
    @Override
    public Iterator<T> iterator() {
        return new PagingIterator();
    }

    /**
     * Returns a sequential stream over every item, fetching pages lazily (blocking).
     *
     * @return a new stream
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Calls {@code action} for every item without blocking: pages are fetched one after the other.
     *
     * @param action called for each item, in order, on the thread completing the page's future
     * @return a future completing after the last item, or failing with the first failure (of a fetch or of
     *         {@code action})
     */
    public CompletableFuture<Void> forEachAsync(Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        CompletableFuture<Void> done = new CompletableFuture<>();
        step(null, 0, action, done);
        return done;
    }

    private void step(String after, long seen, Consumer<? super T> action, CompletableFuture<Void> done) {
        CompletableFuture<Page<T>> next;
        try {
            next = fetch.apply(after);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        next.whenComplete((page, failure) -> {
            if (failure != null) {
                done.completeExceptionally(Futures.unwrap(failure));
                return;
            }
            try {
                page.items().forEach(action);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            long total = seen + page.items().size();
            if (isLast(page, total)) {
                done.complete(null);
            } else {
                step(idOf.apply(page.items().get(page.items().size() - 1)), total, action, done);
            }
        });
    }

    private boolean isLast(Page<T> page, long seen) {
        List<T> items = page.items();
        return items.isEmpty() || items.size() < page.limit() || firstOffset + seen >= page.total();
    }

    private final class PagingIterator implements Iterator<T> {
        private Iterator<T> current;
        private String lastId;
        private long seen;
        private boolean last;

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (last) {
                    return false;
                }
                Page<T> page = Futures.await(fetch.apply(lastId));
                seen += page.items().size();
                last = isLast(page, seen);
                if (!page.items().isEmpty()) {
                    lastId = idOf.apply(page.items().get(page.items().size() - 1));
                }
                current = page.items().iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
