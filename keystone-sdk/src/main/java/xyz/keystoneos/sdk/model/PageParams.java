package xyz.keystoneos.sdk.model;

/**
 * Paging of a list request: {@code limit} (1..200, server default 50), {@code offset} (0 or more, default 0) or a
 * {@code starting_after} cursor (the id of the last item of the previous page; not combinable with an offset).
 * {@code null} means "server default".
 *
 * @param limit         the page size, 1..200, or {@code null}
 * @param offset        items to skip, 0 or more, or {@code null}
 * @param startingAfter the id of the last item already seen, or {@code null}
 */
public record PageParams(Integer limit, Integer offset, String startingAfter) {

    /** The largest page size the API accepts: {@value}. */
    public static final int MAX_LIMIT = 200;

    /** No paging parameters: the server's defaults (first 50 items). */
    public static final PageParams DEFAULT = new PageParams(null, null, null);

    /**
     * Creates paging parameters, checking them.
     *
     * @param limit         1..200, or {@code null}
     * @param offset        0 or more, or {@code null}
     * @param startingAfter a non-blank id, or {@code null}
     * @throws IllegalArgumentException if {@code limit} is outside 1..200, {@code offset} is negative,
     *                                  {@code startingAfter} is blank, or both a cursor and a non-zero offset are given
     */
    public PageParams {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset != null && offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (startingAfter != null && startingAfter.isBlank()) {
            throw new IllegalArgumentException("startingAfter must not be blank");
        }
        if (startingAfter != null && offset != null && offset != 0) {
            throw new IllegalArgumentException("startingAfter cannot be combined with a non-zero offset");
        }
    }

    /**
     * Returns paging by limit and offset.
     *
     * @param limit  1..200
     * @param offset 0 or more
     * @return the parameters
     * @throws IllegalArgumentException if a value is out of range
     */
    public static PageParams of(int limit, int offset) {
        return new PageParams(limit, offset, null);
    }

    /**
     * Returns the first page of a size.
     *
     * @param limit 1..200
     * @return the parameters
     * @throws IllegalArgumentException if the limit is out of range
     */
    public static PageParams limit(int limit) {
        return new PageParams(limit, null, null);
    }

    /**
     * Returns these parameters continuing after an item (for cursor paging): same limit, no offset.
     *
     * @param id the id of the last item seen
     * @return the parameters
     */
    public PageParams after(String id) {
        return new PageParams(limit, null, id);
    }
}
