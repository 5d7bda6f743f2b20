package xyz.keystoneos.sdk.model;

import java.util.List;

/**
 * One page of a list: {@code {"items": [...], "total": N, "limit": L, "offset": O}}.
 *
 * @param items  the items of this page, in the list's order (newest first for settlements and instructions)
 * @param total  how many items match the filters in all
 * @param limit  the page size that was asked for
 * @param offset how many matching items precede this page (0 when paging with a cursor)
 * @param <T>    the item type
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    /**
     * Creates a page; {@code items} is copied ({@code null} becomes empty).
     *
     * @param items  the items
     * @param total  the total number of matching items
     * @param limit  the page size
     * @param offset the offset of the first item
     */
    public Page {
        items = Copies.list(items);
    }

    /**
     * Returns whether more items follow this page (by offset arithmetic: {@code offset + items < total}).
     *
     * @return {@code true} when a further page holds items
     */
    public boolean hasMore() {
        return offset + (long) items.size() < total;
    }
}
