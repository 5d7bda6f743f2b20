package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/settlements}: a settlement between parties that all belong to your environment. Build one
 * with {@link #builder()}.
 *
 * <pre>{@code
 * CreateSettlementRequest request = CreateSettlementRequest.builder()
 *         .idempotencyKey(client.generateIdempotencyKey())
 *         .templateSlug("dvp-standard")
 *         .timeoutAt(Instant.now().plus(Duration.ofHours(2)))
 *         .party(PartyInput.builder().role("seller").name("Fund A").walletAddress(sellerWallet).chainId(11155111).build())
 *         .party(PartyInput.builder().role("buyer").name("Fund B").walletAddress(buyerWallet).chainId(11155111).build())
 *         .leg(LegInput.builder().instrumentId("BOND-2026-A").quantity("1000").partyRole("seller")
 *                 .direction(Direction.DELIVER).build())
 *         .leg(LegInput.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("99000.50")
 *                 .partyRole("buyer").direction(Direction.DELIVER).build())
 *         .build();
 * }</pre>
 *
 * @param idempotencyKey     the idempotency key; when {@code null} the SDK generates one per call, so its own retries
 *                           are safe (set it yourself to make your own repetitions safe too)
 * @param templateId         the template id (this or {@code templateSlug} is required)
 * @param templateSlug       the template slug, for example {@code dvp-standard}
 * @param externalReference  your reference
 * @param timeoutAt          when the settlement times out unless executed (required, in the future)
 * @param parties            the parties (at least one)
 * @param legs               the legs (at least one)
 * @param settlementCategory {@code repo_open} for a tokenised repo, else {@code null}
 * @param maturityAt         repo maturity (after {@code timeoutAt})
 * @param repaymentAmount    repo repayment amount
 * @param repoRate           repo rate as text, for example {@code "4.25"}
 */
public record CreateSettlementRequest(String idempotencyKey, String templateId, String templateSlug,
        String externalReference, Instant timeoutAt, List<PartyInput> parties, List<LegInput> legs,
        SettlementCategory settlementCategory, Instant maturityAt, BigDecimal repaymentAmount, String repoRate) {

    /**
     * Creates a request, checking it.
     *
     * @param idempotencyKey     the key, or {@code null}
     * @param templateId         the template id, or {@code null}
     * @param templateSlug       the template slug, or {@code null}
     * @param externalReference  the reference, or {@code null}
     * @param timeoutAt          the timeout
     * @param parties            the parties
     * @param legs               the legs
     * @param settlementCategory the category, or {@code null}
     * @param maturityAt         the maturity, or {@code null}
     * @param repaymentAmount    the repayment amount, or {@code null}
     * @param repoRate           the repo rate, or {@code null}
     * @throws NullPointerException     if a required field is {@code null}
     * @throws IllegalArgumentException if a field is invalid
     */
    public CreateSettlementRequest {
        Checks.idempotencyKey(idempotencyKey);
        if (templateId == null && templateSlug == null) {
            throw new IllegalArgumentException("templateSlug or templateId is required");
        }
        Checks.nonBlankOrNull(templateId, "templateId");
        Checks.nonBlankOrNull(templateSlug, "templateSlug");
        Objects.requireNonNull(timeoutAt, "timeoutAt must not be null");
        parties = Checks.nonEmptyCopy(parties, "parties", "party");
        legs = Checks.nonEmptyCopy(legs, "legs", "leg");
        Checks.repo(settlementCategory, repaymentAmount);
    }

    /**
     * Returns a copy with another idempotency key.
     *
     * @param key the key
     * @return the copy
     */
    public CreateSettlementRequest withIdempotencyKey(String key) {
        return new CreateSettlementRequest(key, templateId, templateSlug, externalReference, timeoutAt, parties, legs,
                settlementCategory, maturityAt, repaymentAmount, repoRate);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateSettlementRequest}. */
    public static final class Builder {
        private String idempotencyKey;
        private String templateId;
        private String templateSlug;
        private String externalReference;
        private Instant timeoutAt;
        private final List<PartyInput> parties = new ArrayList<>();
        private final List<LegInput> legs = new ArrayList<>();
        private SettlementCategory settlementCategory;
        private Instant maturityAt;
        private BigDecimal repaymentAmount;
        private String repoRate;

        private Builder() {
        }

        /**
         * Sets the idempotency key (see {@link CreateSettlementRequest}).
         *
         * @param idempotencyKey 1 to 255 characters
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * Sets the template by id.
         *
         * @param templateId the template id
         * @return this builder
         */
        public Builder templateId(String templateId) {
            this.templateId = templateId;
            return this;
        }

        /**
         * Sets the template by slug.
         *
         * @param templateSlug for example {@code dvp-standard}
         * @return this builder
         */
        public Builder templateSlug(String templateSlug) {
            this.templateSlug = templateSlug;
            return this;
        }

        /**
         * Sets your reference.
         *
         * @param externalReference the reference
         * @return this builder
         */
        public Builder externalReference(String externalReference) {
            this.externalReference = externalReference;
            return this;
        }

        /**
         * Sets the timeout (required).
         *
         * @param timeoutAt a future instant
         * @return this builder
         */
        public Builder timeoutAt(Instant timeoutAt) {
            this.timeoutAt = timeoutAt;
            return this;
        }

        /**
         * Adds a party.
         *
         * @param party the party
         * @return this builder
         */
        public Builder party(PartyInput party) {
            this.parties.add(Objects.requireNonNull(party, "party must not be null"));
            return this;
        }

        /**
         * Replaces the parties.
         *
         * @param parties the parties
         * @return this builder
         */
        public Builder parties(List<PartyInput> parties) {
            this.parties.clear();
            Objects.requireNonNull(parties, "parties must not be null").forEach(this::party);
            return this;
        }

        /**
         * Adds a leg.
         *
         * @param leg the leg
         * @return this builder
         */
        public Builder leg(LegInput leg) {
            this.legs.add(Objects.requireNonNull(leg, "leg must not be null"));
            return this;
        }

        /**
         * Replaces the legs.
         *
         * @param legs the legs
         * @return this builder
         */
        public Builder legs(List<LegInput> legs) {
            this.legs.clear();
            Objects.requireNonNull(legs, "legs must not be null").forEach(this::leg);
            return this;
        }

        /**
         * Sets the repo category.
         *
         * @param settlementCategory {@link SettlementCategory#REPO_OPEN} for a repo
         * @return this builder
         */
        public Builder settlementCategory(SettlementCategory settlementCategory) {
            this.settlementCategory = settlementCategory;
            return this;
        }

        /**
         * Sets the repo maturity.
         *
         * @param maturityAt after the timeout
         * @return this builder
         */
        public Builder maturityAt(Instant maturityAt) {
            this.maturityAt = maturityAt;
            return this;
        }

        /**
         * Sets the repo repayment amount.
         *
         * @param repaymentAmount greater than zero
         * @return this builder
         */
        public Builder repaymentAmount(BigDecimal repaymentAmount) {
            this.repaymentAmount = repaymentAmount;
            return this;
        }

        /**
         * Sets the repo rate.
         *
         * @param repoRate for example {@code "4.25"}
         * @return this builder
         */
        public Builder repoRate(String repoRate) {
            this.repoRate = repoRate;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws NullPointerException     if a required field is missing
         * @throws IllegalArgumentException if a field is invalid
         */
        public CreateSettlementRequest build() {
            return new CreateSettlementRequest(idempotencyKey, templateId, templateSlug, externalReference, timeoutAt,
                    parties, legs, settlementCategory, maturityAt, repaymentAmount, repoRate);
        }
    }
}
