package xyz.keystoneos.sdk.model;

/**
 * How to deposit a leg into escrow (present while the settlement awaits deposits).
 *
 * @param escrowAddress the escrow contract
 * @param chainId       the chain
 * @param legIndex      the leg's index
 * @param depositKey    keccak256 of the deposit secret
 * @param depositSecret the secret authorising the deposit; only shown to the platform that owns the leg, else
 *                      {@code null}
 * @param calldata      ABI-encoded {@code depositLeg} call
 * @param status        the deposit status
 */
public record DepositInstructions(String escrowAddress, Long chainId, Integer legIndex, String depositKey,
        String depositSecret, String calldata, DepositStatus status) {

    /**
     * Returns whether the caller can deposit this leg (it was given the secret).
     *
     * @return {@code true} when {@link #depositSecret()} is present
     */
    public boolean hasSecret() {
        return depositSecret != null && !depositSecret.isBlank();
    }
}
