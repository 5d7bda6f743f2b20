package xyz.keystoneos.sdk.model;

import java.util.Objects;

/**
 * A party of a new settlement ({@link CreateSettlementRequest}).
 *
 * @param role              its role, for example {@code seller} (required)
 * @param externalReference your reference for it
 * @param name              its name (screened by compliance)
 * @param walletAddress     its EVM wallet, {@code 0x} + 40 hex digits (required)
 * @param chainId           its chain, for example 11155111 (Sepolia) (required)
 */
public record PartyInput(String role, String externalReference, String name, String walletAddress, Long chainId) {

    /**
     * Creates a party, checking the required fields.
     *
     * @param role              the role
     * @param externalReference the reference, may be {@code null}
     * @param name              the name, may be {@code null}
     * @param walletAddress     the wallet
     * @param chainId           the chain
     * @throws NullPointerException     if a required field is {@code null}
     * @throws IllegalArgumentException if a required field is blank or the chain id is not positive
     */
    public PartyInput {
        Checks.nonBlank(role, "role");
        Checks.nonBlank(walletAddress, "walletAddress");
        Checks.positiveChain(chainId, "chainId");
        Checks.nonBlankOrNull(externalReference, "externalReference");
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PartyInput}. */
    public static final class Builder {
        private String role;
        private String externalReference;
        private String name;
        private String walletAddress;
        private Long chainId;

        private Builder() {
        }

        /**
         * Sets the role (required).
         *
         * @param role for example {@code seller}
         * @return this builder
         */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /**
         * Sets your reference for the party.
         *
         * @param externalReference the reference
         * @return this builder
         */
        public Builder externalReference(String externalReference) {
            this.externalReference = externalReference;
            return this;
        }

        /**
         * Sets the party's name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the wallet (required).
         *
         * @param walletAddress {@code 0x} + 40 hex digits
         * @return this builder
         */
        public Builder walletAddress(String walletAddress) {
            this.walletAddress = walletAddress;
            return this;
        }

        /**
         * Sets the chain (required).
         *
         * @param chainId the chain id
         * @return this builder
         */
        public Builder chainId(long chainId) {
            this.chainId = chainId;
            return this;
        }

        /**
         * Builds the party.
         *
         * @return the party
         * @throws NullPointerException     if a required field is missing
         * @throws IllegalArgumentException if a field is invalid
         */
        public PartyInput build() {
            Objects.requireNonNull(role, "role must be set");
            return new PartyInput(role, externalReference, name, walletAddress, chainId);
        }
    }
}
