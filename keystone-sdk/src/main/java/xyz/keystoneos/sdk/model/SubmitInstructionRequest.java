package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/instructions}: one side of a bilateral trade. Build one with {@link #builder()}.
 *
 * <pre>{@code
 * SubmitInstructionRequest request = SubmitInstructionRequest.builder()
 *         .templateSlug("cross_platform_dvp")
 *         .role("seller")
 *         .party(InstructionParty.of("SELLER-001", "BNY Mellon Fund A",
 *                 "0x1234567890abcdef1234567890abcdef12345678", 11155111))
 *         .leg(InstructionLeg.of("BOND-2026-A", "1000000", Direction.DELIVER))
 *         .timeoutAt(Instant.parse("2030-04-01T00:00:00Z"))
 *         .idempotencyKey(client.generateIdempotencyKey())
 *         .build();
 * }</pre>
 *
 * @param idempotencyKey     the idempotency key; when {@code null} the SDK generates one per call
 * @param templateSlug       the template, for example {@code cross_platform_dvp} (required)
 * @param role               your party's role, for example {@code seller} (required)
 * @param party              your party (required)
 * @param legs               the legs, seen from your party (at least one)
 * @param timeoutAt          the settlement timeout (required, in the future)
 * @param tradeReference     the counterparty's trade reference to match; {@code null} to open a new trade
 * @param feeMode            who pays the fee
 * @param settlementCategory {@code repo_open} for a repo
 * @param maturityAt         repo maturity
 * @param repaymentAmount    repo repayment amount
 * @param repoRate           repo rate as text
 */
public record SubmitInstructionRequest(String idempotencyKey, String templateSlug, String role, InstructionParty party,
        List<InstructionLeg> legs, Instant timeoutAt, String tradeReference, FeeMode feeMode,
        SettlementCategory settlementCategory, Instant maturityAt, BigDecimal repaymentAmount, String repoRate) {

    /**
     * Creates a request, checking it.
     *
     * @param idempotencyKey     the key, or {@code null}
     * @param templateSlug       the template
     * @param role               the role
     * @param party              the party
     * @param legs               the legs
     * @param timeoutAt          the timeout
     * @param tradeReference     the trade reference, or {@code null}
     * @param feeMode            the fee mode, or {@code null}
     * @param settlementCategory the category, or {@code null}
     * @param maturityAt         the maturity, or {@code null}
     * @param repaymentAmount    the repayment amount, or {@code null}
     * @param repoRate           the repo rate, or {@code null}
     * @throws NullPointerException     if a required field is {@code null}
     * @throws IllegalArgumentException if a field is invalid
     */
    public SubmitInstructionRequest {
        Checks.idempotencyKey(idempotencyKey);
        Checks.nonBlank(templateSlug, "templateSlug");
        Checks.nonBlank(role, "role");
        Objects.requireNonNull(party, "party must not be null");
        Checks.nonBlank(party.externalReference(), "party.externalReference");
        Checks.nonBlank(party.walletAddress(), "party.walletAddress");
        Checks.positiveChain(party.chainId(), "party.chainId");
        legs = Checks.nonEmptyCopy(legs, "legs", "leg");
        Objects.requireNonNull(timeoutAt, "timeoutAt must not be null");
        if (tradeReference != null && (tradeReference.isBlank() || tradeReference.length() > 200)) {
            throw new IllegalArgumentException("tradeReference must be 1 to 200 characters");
        }
        Checks.known(feeMode, "feeMode");
        Checks.repo(settlementCategory, repaymentAmount);
    }

    /**
     * Returns a copy with another idempotency key.
     *
     * @param key the key
     * @return the copy
     */
    public SubmitInstructionRequest withIdempotencyKey(String key) {
        return new SubmitInstructionRequest(key, templateSlug, role, party, legs, timeoutAt, tradeReference, feeMode,
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

    /** Builds a {@link SubmitInstructionRequest}. */
    public static final class Builder {
        private String idempotencyKey;
        private String templateSlug;
        private String role;
        private InstructionParty party;
        private final List<InstructionLeg> legs = new ArrayList<>();
        private Instant timeoutAt;
        private String tradeReference;
        private FeeMode feeMode;
        private SettlementCategory settlementCategory;
        private Instant maturityAt;
        private BigDecimal repaymentAmount;
        private String repoRate;

        private Builder() {
        }

        /**
         * Sets the idempotency key.
         *
         * @param idempotencyKey 1 to 255 characters
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * Sets the template (required).
         *
         * @param templateSlug for example {@code cross_platform_dvp}
         * @return this builder
         */
        public Builder templateSlug(String templateSlug) {
            this.templateSlug = templateSlug;
            return this;
        }

        /**
         * Sets your party's role (required).
         *
         * @param role for example {@code seller}
         * @return this builder
         */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /**
         * Sets your party (required).
         *
         * @param party the party
         * @return this builder
         */
        public Builder party(InstructionParty party) {
            this.party = party;
            return this;
        }

        /**
         * Adds a leg.
         *
         * @param leg the leg
         * @return this builder
         */
        public Builder leg(InstructionLeg leg) {
            this.legs.add(Objects.requireNonNull(leg, "leg must not be null"));
            return this;
        }

        /**
         * Replaces the legs.
         *
         * @param legs the legs
         * @return this builder
         */
        public Builder legs(List<InstructionLeg> legs) {
            this.legs.clear();
            Objects.requireNonNull(legs, "legs must not be null").forEach(this::leg);
            return this;
        }

        /**
         * Sets the settlement timeout (required).
         *
         * @param timeoutAt a future instant
         * @return this builder
         */
        public Builder timeoutAt(Instant timeoutAt) {
            this.timeoutAt = timeoutAt;
            return this;
        }

        /**
         * Sets the counterparty's trade reference to match.
         *
         * @param tradeReference the reference, for example {@code KS-…}
         * @return this builder
         */
        public Builder tradeReference(String tradeReference) {
            this.tradeReference = tradeReference;
            return this;
        }

        /**
         * Sets who pays the fee.
         *
         * @param feeMode the fee mode
         * @return this builder
         */
        public Builder feeMode(FeeMode feeMode) {
            this.feeMode = feeMode;
            return this;
        }

        /**
         * Sets the repo category.
         *
         * @param settlementCategory {@link SettlementCategory#REPO_OPEN}
         * @return this builder
         */
        public Builder settlementCategory(SettlementCategory settlementCategory) {
            this.settlementCategory = settlementCategory;
            return this;
        }

        /**
         * Sets the repo maturity.
         *
         * @param maturityAt the maturity
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
        public SubmitInstructionRequest build() {
            return new SubmitInstructionRequest(idempotencyKey, templateSlug, role, party, legs, timeoutAt,
                    tradeReference, feeMode, settlementCategory, maturityAt, repaymentAmount, repoRate);
        }
    }
}
