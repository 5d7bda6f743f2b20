package xyz.keystoneos.instruction.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import xyz.keystoneos.settlement.Direction;
import xyz.keystoneos.settlement.TokenStandard;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.template.LegType;

/** The body of {@code POST /v1/instructions} and its presence checks (400). */
final class InstructionRequests {

    private InstructionRequests() {
    }

    enum FeeMode {
        @JsonProperty("seller_pays") SELLER_PAYS,
        @JsonProperty("buyer_pays") BUYER_PAYS,
        @JsonProperty("split") SPLIT;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum Category {
        @JsonProperty("repo_open") REPO_OPEN
    }

    record Submit(String idempotencyKey, String templateSlug, String role, PartyInput party, List<LegInput> legs,
            Instant timeoutAt, String tradeReference, FeeMode feeMode, Category settlementCategory,
            Instant maturityAt, Quantity repaymentAmount, String repoRate) {

        void check() {
            List<FieldError> errors = new ArrayList<>();
            require(templateSlug, "template_slug", errors);
            require(role, "role", errors);
            if (party == null) {
                errors.add(new FieldError("party", "is required"));
            } else {
                require(party.externalReference(), "party.external_reference", errors);
                require(party.walletAddress(), "party.wallet_address", errors);
                if (party.chainId() == null) {
                    errors.add(new FieldError("party.chain_id", "is required"));
                } else if (party.chainId() <= 0) {
                    errors.add(new FieldError("party.chain_id", "must be a positive chain id"));
                }
            }
            if (legs == null || legs.isEmpty()) {
                errors.add(new FieldError("legs", "must contain at least one leg"));
            } else {
                for (int i = 0; i < legs.size(); i++) {
                    LegInput leg = legs.get(i);
                    String path = "legs[" + i + "]";
                    if (leg == null) {
                        errors.add(new FieldError(path, "must not be null"));
                        continue;
                    }
                    require(leg.instrumentId(), path + ".instrument_id", errors);
                    if (leg.quantity() == null) {
                        errors.add(new FieldError(path + ".quantity", "is required"));
                    }
                    if (leg.direction() == null) {
                        errors.add(new FieldError(path + ".direction", "is required: deliver or receive"));
                    }
                    if (leg.chainId() != null && leg.chainId() <= 0) {
                        errors.add(new FieldError(path + ".chain_id", "must be a positive chain id"));
                    }
                }
            }
            if (timeoutAt == null) {
                errors.add(new FieldError("timeout_at", "is required"));
            }
            if (tradeReference != null && (tradeReference.isBlank() || tradeReference.length() > 200)) {
                errors.add(new FieldError("trade_reference", "must be 1 to 200 characters"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalidFields(errors);
            }
        }
    }

    record PartyInput(String externalReference, String name, String walletAddress, Long chainId) {
    }

    /** {@code leg_type} defaults to asset_delivery, {@code chain_id} to the party's, {@code token_standard} to ERC-20. */
    record LegInput(LegType legType, String instrumentId, Quantity quantity, Direction direction, Long chainId,
            TokenStandard tokenStandard) {
    }

    private static void require(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
    }
}
