package xyz.keystoneos.chain.internal;

import java.util.List;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/**
 * Body of {@code POST /v1/sandbox/settlements/{settlement_id}/legs/{leg_index}/deposit}.
 *
 * @param depositSecret required; the leg's {@code deposit_secret}, {@code 0x} + 64 hex digits
 */
record DepositRequest(String depositSecret) {

    /** @throws ApiException 400 {@code validation_failed} when the secret is missing or malformed */
    void check() {
        if (depositSecret == null) {
            throw ApiException.invalidFields(List.of(new FieldError("deposit_secret", "is required")));
        }
        if (!DepositSecrets.isWellFormed(depositSecret)) {
            throw ApiException.invalidFields(List.of(new FieldError("deposit_secret",
                    "must be 0x followed by 64 hex digits, as given in the leg's deposit instructions")));
        }
    }
}
