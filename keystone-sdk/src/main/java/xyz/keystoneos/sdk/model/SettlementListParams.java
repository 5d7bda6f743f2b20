package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Filters and paging of {@code GET /v1/settlements}. Build with {@link #builder()}; every filter is optional.
 *
 * @param states            states to include (any of them); empty for all
 * @param settlementType    the settlement type, or {@code null}
 * @param externalReference your reference, or {@code null}
 * @param templateSlug      the template, or {@code null}
 * @param createdAfter      only settlements created after this instant, or {@code null}
 * @param createdBefore     only settlements created before this instant, or {@code null}
 * @param page              paging
 */
public record SettlementListParams(List<String> states, SettlementType settlementType, String externalReference,
        String templateSlug, Instant createdAfter, Instant createdBefore, PageParams page) {

    /** No filters, first page with the server's default size. */
    public static final SettlementListParams ALL = builder().build();

    /**
     * Creates parameters; {@code states} is copied, {@code page} defaults to {@link PageParams#DEFAULT}.
     *
     * @param states            the states
     * @param settlementType    the type
     * @param externalReference the reference
     * @param templateSlug      the template
     * @param createdAfter      lower creation bound
     * @param createdBefore     upper creation bound
     * @param page              paging
     */
    public SettlementListParams {
        states = states == null ? List.of() : List.copyOf(states);
        Checks.known(settlementType, "settlementType");
        page = page == null ? PageParams.DEFAULT : page;
    }

    /**
     * Returns a copy with other paging.
     *
     * @param page the paging
     * @return the copy
     */
    public SettlementListParams withPage(PageParams page) {
        return new SettlementListParams(states, settlementType, externalReference, templateSlug, createdAfter,
                createdBefore, page);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SettlementListParams}. */
    public static final class Builder extends PagedBuilder<Builder> {
        private final List<String> states = new ArrayList<>();
        private SettlementType settlementType;
        private String externalReference;
        private String templateSlug;
        private Instant createdAfter;
        private Instant createdBefore;

        private Builder() {
        }

        /**
         * Adds a state to include.
         *
         * @param state a known state (not {@link SettlementState#UNKNOWN})
         * @return this builder
         */
        public Builder state(SettlementState state) {
            Objects.requireNonNull(state, "state must not be null");
            Checks.known(state, "state");
            states.add(state.wireValue());
            return this;
        }

        /**
         * Adds a state to include by name (for states of custom templates).
         *
         * @param state the state name, for example {@code FINALIZED}
         * @return this builder
         */
        public Builder state(String state) {
            states.add(Checks.nonBlank(state, "state"));
            return this;
        }

        /**
         * Filters by settlement type.
         *
         * @param settlementType the type
         * @return this builder
         */
        public Builder settlementType(SettlementType settlementType) {
            this.settlementType = settlementType;
            return this;
        }

        /**
         * Filters by your reference.
         *
         * @param externalReference the reference
         * @return this builder
         */
        public Builder externalReference(String externalReference) {
            this.externalReference = externalReference;
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
         * Only settlements created after an instant.
         *
         * @param createdAfter the instant
         * @return this builder
         */
        public Builder createdAfter(Instant createdAfter) {
            this.createdAfter = createdAfter;
            return this;
        }

        /**
         * Only settlements created before an instant.
         *
         * @param createdBefore the instant
         * @return this builder
         */
        public Builder createdBefore(Instant createdBefore) {
            this.createdBefore = createdBefore;
            return this;
        }

        /**
         * Builds the parameters.
         *
         * @return the parameters
         * @throws IllegalArgumentException if the paging values are out of range
         */
        public SettlementListParams build() {
            return new SettlementListParams(states, settlementType, externalReference, templateSlug, createdAfter,
                    createdBefore, page());
        }
    }
}
