package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;

/** A wallet's balance of one instrument on one chain; {@code balance} is a decimal string. */
record BalanceResponse(String walletAddress, String instrumentId, long chainId, String balance) {

    static BalanceResponse of(String wallet, String instrumentId, long chainId, BigDecimal balance) {
        return new BalanceResponse(wallet, instrumentId, chainId, Amounts.text(balance));
    }
}
