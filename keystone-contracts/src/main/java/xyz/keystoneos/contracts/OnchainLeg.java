package xyz.keystoneos.contracts;

import java.math.BigInteger;

/** {@code KeystoneEscrow.legOf}: a leg as the escrow holds it. */
public record OnchainLeg(String token, BigInteger amount, String depositor, String recipient, String depositKey,
        String payer, Status status) {

    /** {@code KeystoneEscrow.LegStatus}. */
    public enum Status { NONE, PENDING, DEPOSITED, RELEASED, REFUNDED }
}
