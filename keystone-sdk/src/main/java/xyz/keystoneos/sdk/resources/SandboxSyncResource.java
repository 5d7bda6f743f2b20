package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import xyz.keystoneos.sdk.model.DepositResult;
import xyz.keystoneos.sdk.model.SandboxBalance;
import xyz.keystoneos.sdk.model.Settlement;

/**
 * {@code /v1/sandbox}, blocking: see {@link SandboxResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#sandbox()}.
 */
public final class SandboxSyncResource {

    private final SandboxResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#sandbox()}).
     *
     * @param async the asynchronous resource
     */
    public SandboxSyncResource(SandboxResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Mints test tokens on the default chain.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @param quantity      how much
     * @return the new balance
     */
    public SandboxBalance faucet(String walletAddress, String instrumentId, BigDecimal quantity) {
        return await(async.faucet(walletAddress, instrumentId, quantity));
    }

    /**
     * Mints test tokens.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @param quantity      how much
     * @param chainId       the chain
     * @return the new balance
     */
    public SandboxBalance faucet(String walletAddress, String instrumentId, BigDecimal quantity, long chainId) {
        return await(async.faucet(walletAddress, instrumentId, quantity, chainId));
    }

    /**
     * Deposits a leg you deliver.
     *
     * @param settlementId  the settlement
     * @param legIndex      the leg index
     * @param depositSecret the leg's deposit secret
     * @return the result
     */
    public DepositResult deposit(String settlementId, int legIndex, String depositSecret) {
        return await(async.deposit(settlementId, legIndex, depositSecret));
    }

    /**
     * Deposits every leg of the settlement you hold the deposit secret for.
     *
     * @param settlement the settlement, read in {@code AWAITING_DEPOSITS}
     * @return one result per deposited leg
     */
    public List<DepositResult> depositOwnLegs(Settlement settlement) {
        return await(async.depositOwnLegs(settlement));
    }

    /**
     * Returns a balance on the default chain.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @return the balance
     */
    public SandboxBalance balance(String walletAddress, String instrumentId) {
        return await(async.balance(walletAddress, instrumentId));
    }

    /**
     * Returns a balance.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @param chainId       the chain
     * @return the balance
     */
    public SandboxBalance balance(String walletAddress, String instrumentId, long chainId) {
        return await(async.balance(walletAddress, instrumentId, chainId));
    }
}
