package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;

/**
 * A wallet's balance of one instrument on the sandbox's simulated chain.
 *
 * @param walletAddress the wallet
 * @param instrumentId  the instrument
 * @param chainId       the chain
 * @param balance       the balance
 */
public record SandboxBalance(String walletAddress, String instrumentId, Long chainId, BigDecimal balance) {
}
