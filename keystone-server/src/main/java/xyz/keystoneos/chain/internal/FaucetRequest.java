package xyz.keystoneos.chain.internal;

import java.util.ArrayList;
import java.util.List;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Quantity;

/**
 * Body of {@code POST /v1/sandbox/faucet}.
 *
 * @param walletAddress required; EVM address, checksum validated when mixed case
 * @param instrumentId  required; a symbol, ISIN or token address
 * @param quantity      required; decimal string greater than zero
 * @param chainId       optional; default {@link xyz.keystoneos.chain.SandboxLedger#DEFAULT_CHAIN_ID} (Sepolia)
 */
record FaucetRequest(String walletAddress, String instrumentId, Quantity quantity, Long chainId) {

    /** The request with normalised fields. */
    record Checked(String wallet, String instrumentId, Quantity quantity, long chainId) {
    }

    /** @throws ApiException 400 {@code validation_failed} naming every unusable field */
    Checked check() {
        List<FieldError> errors = new ArrayList<>();
        String wallet = SandboxFields.wallet(walletAddress, errors);
        String instrument = SandboxFields.instrument(instrumentId, errors);
        if (quantity == null) {
            errors.add(new FieldError("quantity", "is required"));
        }
        long chain = SandboxFields.chainId(chainId, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return new Checked(wallet, instrument, quantity, chain);
    }
}
