package xyz.keystoneos.sdk.model;

/**
 * The paging setters the list-parameter builders share ({@link InstructionListParams.Builder},
 * {@link SettlementListParams.Builder}): page size, offset and cursor, built into {@link PageParams}.
 *
 * @param <B> the concrete builder, returned by the setters
 */
abstract class PagedBuilder<B extends PagedBuilder<B>> {
    private Integer limit;
    private Integer offset;
    private String startingAfter;

    PagedBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets the page size.
     *
     * @param limit 1..200
     * @return this builder
     */
    public B limit(int limit) {
        this.limit = limit;
        return self();
    }

    /**
     * Sets the offset.
     *
     * @param offset 0 or more
     * @return this builder
     */
    public B offset(int offset) {
        this.offset = offset;
        return self();
    }

    /**
     * Continues after an item (cursor paging).
     *
     * @param id the id of the last item seen
     * @return this builder
     */
    public B startingAfter(String id) {
        this.startingAfter = id;
        return self();
    }

    /**
     * Returns the paging set so far.
     *
     * @return the paging
     * @throws IllegalArgumentException if the paging values are out of range
     */
    PageParams page() {
        return new PageParams(limit, offset, startingAfter);
    }
}
