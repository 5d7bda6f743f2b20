package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;
import java.util.UUID;
import xyz.keystoneos.chain.DepositInstructions;
import xyz.keystoneos.chain.DepositStatus;

/** One row of {@code chain_escrow_legs}; wallets and token-address instrument ids are lower-case. */
record EscrowLegRow(UUID settlementId, int legIndex, long chainId, String instrumentId, BigDecimal quantity,
        String depositorWallet, String recipientWallet, UUID owningPlatformId, UUID owningEnvironmentId,
        String depositKey, String depositSecret, DepositStatus status) {

    /** The full instructions, secret and calldata included; callers strip them for non-owners. */
    DepositInstructions instructions() {
        return new DepositInstructions(legIndex, SimulatedEscrow.address(chainId), chainId, depositKey,
                depositSecret, DepositCalldata.encode(settlementId, legIndex, depositSecret), status,
                owningPlatformId, owningEnvironmentId);
    }

    /** The balance row the leg debits on deposit and credits on refund. */
    BalanceKey depositorAccount() {
        return new BalanceKey(chainId, instrumentId, depositorWallet);
    }

    /** The balance row the leg credits on release. */
    BalanceKey recipientAccount() {
        return new BalanceKey(chainId, instrumentId, recipientWallet);
    }
}
