package xyz.keystoneos.chain.internal;

import java.util.Arrays;
import xyz.keystoneos.chain.Hex;
import xyz.keystoneos.chain.Keccak;

/**
 * The simulated escrow contract's address on a chain: {@code 0x} + the last 20 bytes of
 * {@code keccak256("keystone:simulated-escrow:" + chainId)}. Deterministic, so every node and every restart agrees.
 */
final class SimulatedEscrow {

    private static final int ADDRESS_BYTES = 20;

    private SimulatedEscrow() {
    }

    static String address(long chainId) {
        byte[] hash = Keccak.keccak256("keystone:simulated-escrow:" + chainId);
        return Hex.encode(Arrays.copyOfRange(hash, hash.length - ADDRESS_BYTES, hash.length));
    }
}
