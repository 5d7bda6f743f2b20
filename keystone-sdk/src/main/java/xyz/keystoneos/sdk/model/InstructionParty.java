package xyz.keystoneos.sdk.model;

/**
 * The submitting platform's party of an instruction (in requests and answers).
 *
 * @param externalReference your reference for the party (required when submitting)
 * @param name              its name (screened by compliance)
 * @param walletAddress     its EVM wallet, {@code 0x} + 40 hex digits (required when submitting)
 * @param chainId           its chain, for example 11155111 (required when submitting)
 */
public record InstructionParty(String externalReference, String name, String walletAddress, Long chainId) {

    /**
     * Returns a party for a request, checking the required fields.
     *
     * @param externalReference your reference (required)
     * @param name              the name, may be {@code null}
     * @param walletAddress     the wallet (required)
     * @param chainId           the chain (positive)
     * @return the party
     * @throws NullPointerException     if a required field is {@code null}
     * @throws IllegalArgumentException if a field is blank or the chain id is not positive
     */
    public static InstructionParty of(String externalReference, String name, String walletAddress, long chainId) {
        Checks.nonBlank(externalReference, "party.externalReference");
        Checks.nonBlank(walletAddress, "party.walletAddress");
        Checks.positiveChain(chainId, "party.chainId");
        return new InstructionParty(externalReference, name, walletAddress, chainId);
    }
}
