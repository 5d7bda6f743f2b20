package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;

/**
 * A leg of an instruction (in requests and answers), seen from the submitting party.
 *
 * @param legType       asset delivery (server default) or payment
 * @param instrumentId  the instrument: symbol, ISIN or token address
 * @param quantity      the quantity, sent as a decimal string
 * @param direction     whether your party delivers or receives it
 * @param chainId       the chain (defaults to the party's)
 * @param tokenStandard the token standard (server default ERC-20)
 */
public record InstructionLeg(LegType legType, String instrumentId, BigDecimal quantity, Direction direction,
        Long chainId, TokenStandard tokenStandard) {

    /**
     * Returns an asset-delivery leg on the party's chain, checking the fields.
     *
     * @param instrumentId the instrument
     * @param quantity     the quantity as decimal text, for example {@code "1000000"}
     * @param direction    deliver or receive
     * @return the leg
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if an argument is invalid
     */
    public static InstructionLeg of(String instrumentId, String quantity, Direction direction) {
        return builder().instrumentId(instrumentId).quantity(quantity).direction(direction).build();
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link InstructionLeg} for a request. */
    public static final class Builder {
        private LegType legType;
        private String instrumentId;
        private BigDecimal quantity;
        private Direction direction;
        private Long chainId;
        private TokenStandard tokenStandard;

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
         * Sets the quantity from decimal text (required).
         *
         * @param quantity for example {@code "99000.50"}
         * @return this builder
         * @throws IllegalArgumentException if the text is not a decimal number
         */
        public Builder quantity(String quantity) {
            this.quantity = Checks.decimal(quantity, "quantity");
            return this;
        }

        /**
         * Sets the direction (required).
         *
         * @param direction deliver or receive
         * @return this builder
         */
        public Builder direction(Direction direction) {
            this.direction = direction;
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
         * Builds the leg.
         *
         * @return the leg
         * @throws NullPointerException     if a required field is missing
         * @throws IllegalArgumentException if a field is invalid
         */
        public InstructionLeg build() {
            java.util.Objects.requireNonNull(direction, "direction must not be null");
            Checks.leg(legType, instrumentId, quantity, direction, chainId, tokenStandard);
            return new InstructionLeg(legType, instrumentId, quantity, direction, chainId, tokenStandard);
        }
    }
}
