package xyz.keystoneos.contracts;

import java.math.BigInteger;

/**
 * One leg as {@code SettlementCoordinator.createSettlement} takes it: {@code amount} base units of {@code token}
 * from {@code depositor} to {@code recipient}, deposited by whoever shows the secret whose keccak256 is
 * {@code depositKey}.
 */
public record LegSpec(String token, BigInteger amount, String depositor, String recipient, byte[] depositKey) {
}
