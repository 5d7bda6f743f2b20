package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;

/**
 * A leg of a new settlement ({@link CreateSettlementRequest}).
 *
 * @param legType           asset delivery (server default) or payment
 * @param instrumentId      the instrument: symbol, ISIN or token address (required)
 * @param quantity          the quantity, greater than zero; sent as a decimal string (required)
 * @param direction         deliver (server default) or receive, seen from {@code partyRole}
 * @param partyRole         the role of the party the direction refers to (required)
 * @param chainId           the chain (defaults to the party's)
 * @param tokenStandard     the token standard (server default ERC-20)
 * @param externalReference your reference for the leg
 */
public record LegInput(LegType legType, String instrumentId, BigDecimal quantity, Direction direction,
        String partyRole, Long chainId, TokenStandard tokenStandard, String externalReference) {

    /**
     * Creates a leg, checking the required fields.
     *
     * @param legType           the leg type, may be {@code null}
     * @param instrumentId      the instrument
     * @param quantity          the quantity
     * @param direction         the direction, may be {@code null}
     * @param partyRole         the party role
     * @param chainId           the chain, may be {@code null}
     * @param tokenStandard     the token standard, may be {@code null}
     * @param externalReference the reference, may be {@code null}
     * @throws NullPointerException     if a required field is {@code null}
     * @throws IllegalArgumentException if a field is invalid
     */
    public LegInput {
        Checks.leg(legType, instrumentId, quantity, direction, chainId, tokenStandard);
        Checks.nonBlank(partyRole, "partyRole");
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LegInput}. */
    public static final class Builder {
        private LegType legType;
        private String instrumentId;
        private BigDecimal quantity;
        private Direction direction;
        private String partyRole;
        private Long chainId;
        private TokenStandard tokenStandard;
        private String externalReference;

        private Builder() {
        }

        /**
         * Sets the leg type.
         *
         * @param legType asset delivery or payment
         * @return this builder
         */
        public Builder legType(LegType legType) {
            this.legType = legType;
            return this;
        }

        /**
         * Sets the instrument (required).
         *
         * @param instrumentId symbol, ISIN or token address
         * @return this builder
         */
        public Builder instrumentId(String instrumentId) {
            this.instrumentId = instrumentId;
            return this;
        }

        /**
         * Sets the quantity (required).
         *
         * @param quantity greater than zero
         * @return this builder
         */
        public Builder quantity(BigDecimal quantity) {
            this.quantity = quantity;
            return this;
        }

        /**
         * Sets the quantity from its decimal text (required).
         *
         * @param quantity for example {@code "1000.50"}
         * @return this builder
         * @throws IllegalArgumentException if the text is not a decimal number
         */
        public Builder quantity(String quantity) {
            this.quantity = Checks.decimal(quantity, "quantity");
            return this;
        }

        /**
         * Sets the direction.
         *
         * @param direction deliver or receive
         * @return this builder
         */
        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        /**
         * Sets the role of the party the direction refers to (required).
         *
         * @param partyRole for example {@code seller}
         * @return this builder
         */
        public Builder partyRole(String partyRole) {
            this.partyRole = partyRole;
            return this;
        }

        /**
         * Sets the chain.
         *
         * @param chainId the chain id
         * @return this builder
         */
        public Builder chainId(long chainId) {
            this.chainId = chainId;
            return this;
        }

        /**
         * Sets the token standard.
         *
         * @param tokenStandard the standard
         * @return this builder
         */
        public Builder tokenStandard(TokenStandard tokenStandard) {
            this.tokenStandard = tokenStandard;
            return this;
        }

        /**
         * Sets your reference for the leg.
         *
         * @param externalReference the reference
         * @return this builder
         */
        public Builder externalReference(String externalReference) {
            this.externalReference = externalReference;
            return this;
        }

        /**
         * Builds the leg.
         *
         * @return the leg
         * @throws NullPointerException     if a required field is missing
         * @throws IllegalArgumentException if a field is invalid
         */
        public LegInput build() {
            return new LegInput(legType, instrumentId, quantity, direction, partyRole, chainId, tokenStandard,
                    externalReference);
        }
    }
}
