package xyz.keystoneos.chain.internal;

import xyz.keystoneos.chain.InstrumentIds;
import java.util.List;
import xyz.keystoneos.chain.SandboxLedger;
import xyz.keystoneos.chain.WalletAddress;
import xyz.keystoneos.shared.web.FieldError;

/** Field checks shared by the sandbox requests; each adds its complaints to {@code errors}. */
final class SandboxFields {

    static final int MAX_INSTRUMENT_ID_LENGTH = 256;

    private SandboxFields() {
    }

    /** The wallet in lower case, or {@code null} after recording why it is unusable. */
    static String wallet(String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("wallet_address", "is required"));
            return null;
        }
        try {
            return WalletAddress.normalize(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("wallet_address", e.getMessage()));
            return null;
        }
    }

    /** The instrument as the ledger keys it, or {@code null} after recording why it is unusable. */
    static String instrument(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("instrument_id", value == null ? "is required" : "must not be blank"));
            return null;
        }
        if (value.length() > MAX_INSTRUMENT_ID_LENGTH) {
            errors.add(new FieldError("instrument_id", "must be at most " + MAX_INSTRUMENT_ID_LENGTH
                    + " characters"));
            return null;
        }
        return InstrumentIds.normalize(value);
    }

    /** The chain id, {@link SandboxLedger#DEFAULT_CHAIN_ID} when absent. */
    static long chainId(Long value, List<FieldError> errors) {
        if (value == null) {
            return SandboxLedger.DEFAULT_CHAIN_ID;
        }
        if (value <= 0) {
            errors.add(new FieldError("chain_id", "must be a positive integer"));
        }
        return value;
    }
}
