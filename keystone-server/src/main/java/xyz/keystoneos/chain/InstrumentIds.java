package xyz.keystoneos.chain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the simulated ledger keys instruments: the id as given ({@code BOND-2026-A}, an ISIN, a symbol), except that a
 * token contract address is lower-cased so that checksummed and lower-case spellings name the same token.
 */
public final class InstrumentIds {

    private static final Pattern TOKEN_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private InstrumentIds() {
    }

    /** @throws IllegalArgumentException for a missing or blank id */
    public static String normalize(String instrumentId) {
        if (instrumentId == null || instrumentId.isBlank()) {
            throw new IllegalArgumentException("instrument id must not be blank");
        }
        return TOKEN_ADDRESS.matcher(instrumentId).matches() ? instrumentId.toLowerCase(Locale.ROOT) : instrumentId;
    }
}
