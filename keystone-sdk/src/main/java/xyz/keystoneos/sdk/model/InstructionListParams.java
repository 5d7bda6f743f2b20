package xyz.keystoneos.sdk.model;

/**
 * Filters and paging of {@code GET /v1/instructions}. Build with {@link #builder()}; every filter is optional.
 *
 * @param status         the status, or {@code null}
 * @param tradeReference the trade reference, or {@code null}
 * @param templateSlug   the template, or {@code null}
 * @param page           paging
 */
public record InstructionListParams(InstructionStatus status, String tradeReference, String templateSlug,
        PageParams page) {

    /** No filters, first page with the server's default size. */
    public static final InstructionListParams ALL = builder().build();

    /**
     * Creates parameters; {@code page} defaults to {@link PageParams#DEFAULT}.
     *
     * @param status         the status
     * @param tradeReference the trade reference
     * @param templateSlug   the template
     * @param page           paging
     */
    public InstructionListParams {
        Checks.known(status, "status");
        page = page == null ? PageParams.DEFAULT : page;
    }

    /**
     * Returns a copy with other paging.
     *
     * @param page the paging
     * @return the copy
     */
    public InstructionListParams withPage(PageParams page) {
        return new InstructionListParams(status, tradeReference, templateSlug, page);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link InstructionListParams}. */
    public static final class Builder extends PagedBuilder<Builder> {
        private InstructionStatus status;
        private String tradeReference;
        private String templateSlug;

        private Builder() {
        }

        /**
         * Filters by status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(InstructionStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Filters by trade reference.
         *
         * @param tradeReference the reference
         * @return this builder
         */
        public Builder tradeReference(String tradeReference) {
            this.tradeReference = tradeReference;
            return this;
        }

        /**
         * Filters by template.
         *
         * @param templateSlug the template slug
         * @return this builder
         */
        public Builder templateSlug(String templateSlug) {
            this.templateSlug = templateSlug;
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         * @throws IllegalArgumentException if the paging values are out of range
         */
        public InstructionListParams build() {
            return new InstructionListParams(status, tradeReference, templateSlug,
                    page());
        }
    }
}
