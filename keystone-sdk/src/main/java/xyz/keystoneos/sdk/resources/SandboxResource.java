package xyz.keystoneos.sdk.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.DepositResult;
import xyz.keystoneos.sdk.model.SandboxBalance;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementLeg;

/**
 * {@code /v1/sandbox} (asynchronous): test tokens, leg deposits and balances on the simulated chain of a sandbox
 * environment (403 {@code sandbox_only} elsewhere). Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneClient#sandbox()}. None of these calls is retried.
 */
public final class SandboxResource {

    /** The chain the sandbox uses when none is given: Sepolia (11155111). */
    public static final long DEFAULT_CHAIN_ID = 11_155_111L;

    private static final String PATH = "/v1/sandbox";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#sandbox()}).
     *
     * @param transport the client's transport
     */
    public SandboxResource(Transport transport) {
        this.transport = transport;
    }

    /**
     * Mints test tokens into a wallet on the default chain.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @param quantity      how much, greater than zero
     * @return the wallet's new balance
     */
    public CompletableFuture<SandboxBalance> faucet(String walletAddress, String instrumentId, BigDecimal quantity) {
        return faucet(walletAddress, instrumentId, quantity, DEFAULT_CHAIN_ID);
    }

    /**
     * Mints test tokens into a wallet.
     *
     * @param walletAddress the wallet, {@code 0x} + 40 hex digits
     * @param instrumentId  the instrument
     * @param quantity      how much, greater than zero
     * @param chainId       the chain
     * @return the wallet's new balance
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if an argument is blank, the quantity not positive or the chain id not
     *                                  positive
     */
    public CompletableFuture<SandboxBalance> faucet(String walletAddress, String instrumentId, BigDecimal quantity,
            long chainId) {
        requireText(walletAddress, "walletAddress");
        requireText(instrumentId, "instrumentId");
        Objects.requireNonNull(quantity, "quantity must not be null");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be greater than zero, was " + quantity.toPlainString());
        }
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, was " + chainId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wallet_address", walletAddress);
        body.put("instrument_id", instrumentId);
        body.put("quantity", quantity);
        body.put("chain_id", chainId);
        return transport.call(ApiRequest.post(PATH + "/faucet", body, null), Json.get().type(SandboxBalance.class));
    }

    /**
     * Deposits a leg your environment delivers, as its wallet would by sending the leg's calldata.
     *
     * @param settlementId  the settlement
     * @param legIndex      the leg's index
     * @param depositSecret the leg's {@code deposit_secret} (from {@link SettlementLeg#deposit()})
     * @return the deposit result
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if an argument is blank or the index negative
     */
    public CompletableFuture<DepositResult> deposit(String settlementId, int legIndex, String depositSecret) {
        String segment = ApiRequest.segment(settlementId, "settlementId");
        if (legIndex < 0) {
            throw new IllegalArgumentException("legIndex must be 0 or more, was " + legIndex);
        }
        requireText(depositSecret, "depositSecret");
        return transport.call(ApiRequest.post(PATH + "/settlements/" + segment + "/legs/" + legIndex + "/deposit",
                Map.of("deposit_secret", depositSecret), null), Json.get().type(DepositResult.class));
    }

    /**
     * Deposits every leg of a settlement you were given the deposit secret for (the legs your environment delivers),
     * one after the other. Pass a settlement read in {@code AWAITING_DEPOSITS}.
     *
     * @param settlement the settlement as you see it
     * @return the results, one per deposited leg (empty when you own no leg awaiting deposit)
     * @throws NullPointerException if {@code settlement} is {@code null}
     */
    public CompletableFuture<List<DepositResult>> depositOwnLegs(Settlement settlement) {
        Objects.requireNonNull(settlement, "settlement must not be null");
        CompletableFuture<List<DepositResult>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (SettlementLeg leg : settlement.legs()) {
            if (leg.deposit() != null && leg.deposit().hasSecret() && leg.legIndex() != null) {
                chain = chain.thenCompose(results -> deposit(settlement.id(), leg.legIndex(),
                        leg.deposit().depositSecret()).thenApply(result -> {
                            results.add(result);
                            return results;
                        }));
            }
        }
        return chain.thenApply(List::copyOf);
    }

    /**
     * Returns a wallet's balance of an instrument on the default chain.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @return the balance
     */
    public CompletableFuture<SandboxBalance> balance(String walletAddress, String instrumentId) {
        return balance(walletAddress, instrumentId, DEFAULT_CHAIN_ID);
    }

    /**
     * Returns a wallet's balance of an instrument.
     *
     * @param walletAddress the wallet
     * @param instrumentId  the instrument
     * @param chainId       the chain
     * @return the balance
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if an argument is blank or the chain id not positive
     */
    public CompletableFuture<SandboxBalance> balance(String walletAddress, String instrumentId, long chainId) {
        requireText(walletAddress, "walletAddress");
        requireText(instrumentId, "instrumentId");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, was " + chainId);
        }
        Query query = new Query().add("wallet_address", walletAddress).add("instrument_id", instrumentId)
                .add("chain_id", chainId);
        return transport.call(ApiRequest.get(PATH + "/balances", query), Json.get().type(SandboxBalance.class));
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
