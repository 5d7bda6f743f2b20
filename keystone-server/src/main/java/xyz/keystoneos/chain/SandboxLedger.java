package xyz.keystoneos.chain;

import java.math.BigDecimal;
import java.util.UUID;
import xyz.keystoneos.shared.web.Quantity;

/**
 * The simulated chain's test-token ledger, for sandbox environments: mint test tokens, deposit an escrowed leg with
 * its secret (what a wallet would do on chain with the leg's calldata) and read balances. Wallets and token-address
 * instrument ids are compared case-insensitively. Failures a client can cause are
 * {@link xyz.keystoneos.shared.web.ApiException}s; malformed arguments are {@link IllegalArgumentException}s.
 */
public interface SandboxLedger {

    /** The chain used when a sandbox request names none: Ethereum Sepolia. */
    long DEFAULT_CHAIN_ID = 11_155_111L;

    /**
     * Mints test tokens into a wallet.
     *
     * @param triggeredBy who asked, for the ledger journal ({@code m2m:<client_id>}); may be {@code null}
     * @return the wallet's balance afterwards
     */
    BigDecimal faucet(long chainId, String instrumentId, String wallet, Quantity quantity, String triggeredBy);

    /** {@link #faucet(long, String, String, Quantity, String)} without naming who asked. */
    default BigDecimal faucet(long chainId, String instrumentId, String wallet, Quantity quantity) {
        return faucet(chainId, instrumentId, wallet, quantity, null);
    }

    /**
     * Moves a leg's quantity from its depositor's wallet into escrow, authorised by
     * {@code keccak256(depositSecret) == deposit_key}, and publishes {@link LegDeposited} inside the same
     * transaction.
     *
     * @param callerEnvironmentId only the environment that owns the leg may deposit it; for anybody else the leg
     *                            does not exist (404 {@code leg_not_found})
     * @param triggeredBy         who deposited, as it appears in audit trails ({@code m2m:<client_id>})
     * @return the published event
     * @throws xyz.keystoneos.shared.web.ApiException 404 {@code leg_not_found}, 422 {@code invalid_deposit_secret},
     *                                                409 {@code leg_already_deposited}, 409 {@code escrow_closed},
     *                                                422 {@code insufficient_balance}
     */
    LegDeposited deposit(UUID settlementId, int legIndex, String depositSecret, UUID callerEnvironmentId,
            String triggeredBy);

    /** A wallet's balance of one instrument on one chain; zero for a wallet never funded. */
    BigDecimal balance(long chainId, String instrumentId, String wallet);
}
