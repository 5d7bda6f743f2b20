package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;

/** Balances as the API writes them: plain decimal strings without trailing zeros ({@code "0"}, {@code "12.5"}). */
final class Amounts {

    private Amounts() {
    }

    static String text(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
