package xyz.keystoneos.chain;

import java.util.UUID;
import xyz.keystoneos.shared.web.Quantity;

/**
 * One leg to escrow: {@code depositor} delivers {@code quantity} of {@code instrumentId} on {@code chainId}; on
 * release it goes to {@code recipient}, on refund back to {@code depositor}. The owning platform/environment is the
 * depositor's: only it sees the deposit secret and may deposit.
 */
public record EscrowLeg(int legIndex, long chainId, String instrumentId, Quantity quantity, String depositorWallet,
        String recipientWallet, UUID owningPlatformId, UUID owningEnvironmentId) {
}
