package xyz.keystoneos.chain.internal;

import java.util.Comparator;

/**
 * The primary key of a {@code chain_balances} row. Its natural order (chain, instrument, wallet) is the order in
 * which a transaction that touches several balances locks them, so that two such transactions never deadlock.
 */
record BalanceKey(long chainId, String instrumentId, String wallet) implements Comparable<BalanceKey> {

    private static final Comparator<BalanceKey> LOCK_ORDER = Comparator.comparingLong(BalanceKey::chainId)
            .thenComparing(BalanceKey::instrumentId).thenComparing(BalanceKey::wallet);

    @Override
    public int compareTo(BalanceKey other) {
        return LOCK_ORDER.compare(this, other);
    }
}
