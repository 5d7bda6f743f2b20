package xyz.keystoneos.chain;

import java.util.UUID;

/**
 * How to deposit one leg (the {@code deposit} member of a settlement leg). {@code depositSecret} must only be shown
 * to the owning platform's environment; {@code calldata} is the ABI-encoded
 * {@code depositLeg(bytes32 settlementId, uint256 legIndex, bytes32 depositSecret)} call.
 */
public record DepositInstructions(int legIndex, String escrowAddress, long chainId, String depositKey,
        String depositSecret, String calldata, DepositStatus status, UUID owningPlatformId,
        UUID owningEnvironmentId) {

    /** The same instructions without the secret and calldata, for everybody but the owner. */
    public DepositInstructions withoutSecret() {
        return new DepositInstructions(legIndex, escrowAddress, chainId, depositKey, null, null, status,
                owningPlatformId, owningEnvironmentId);
    }
}
