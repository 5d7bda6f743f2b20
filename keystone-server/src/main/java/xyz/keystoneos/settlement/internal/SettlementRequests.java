package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import xyz.keystoneos.settlement.Direction;
import xyz.keystoneos.settlement.TokenStandard;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.template.LegType;

/** Bodies of the settlement endpoints, with their presence checks (400); business rules are 422 later. */
final class SettlementRequests {

    private SettlementRequests() {
    }

    record CreateSettlement(String idempotencyKey, UUID templateId, String templateSlug, String externalReference,
            Instant timeoutAt, List<PartyInput> parties, List<LegInput> legs, String settlementCategory,
            Instant maturityAt, Quantity repaymentAmount, String repoRate) {

        void check() {
            List<FieldError> errors = new ArrayList<>();
            if (templateId == null && (templateSlug == null || templateSlug.isBlank())) {
                errors.add(new FieldError("template_slug", "is required (or template_id)"));
            }
            if (timeoutAt == null) {
                errors.add(new FieldError("timeout_at", "is required"));
            }
            if (parties == null || parties.isEmpty()) {
                errors.add(new FieldError("parties", "is required"));
            } else {
                for (int i = 0; i < parties.size(); i++) {
                    PartyInput party = parties.get(i);
                    if (party == null) {
                        errors.add(new FieldError("parties[" + i + "]", "must not be null"));
                        continue;
                    }
                    require(party.role(), "parties[" + i + "].role", errors);
                    require(party.walletAddress(), "parties[" + i + "].wallet_address", errors);
                    if (party.chainId() == null) {
                        errors.add(new FieldError("parties[" + i + "].chain_id", "is required"));
                    }
                }
            }
            if (legs == null || legs.isEmpty()) {
                errors.add(new FieldError("legs", "must contain at least one leg"));
            } else {
                for (int i = 0; i < legs.size(); i++) {
                    LegInput leg = legs.get(i);
                    if (leg == null) {
                        errors.add(new FieldError("legs[" + i + "]", "must not be null"));
                        continue;
                    }
                    require(leg.instrumentId(), "legs[" + i + "].instrument_id", errors);
                    require(leg.partyRole(), "legs[" + i + "].party_role", errors);
                    if (leg.quantity() == null) {
                        errors.add(new FieldError("legs[" + i + "].quantity", "is required"));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalidFields(errors);
            }
        }
    }

    record PartyInput(String role, String externalReference, String name, String walletAddress, Long chainId) {
    }

    record LegInput(LegType legType, String instrumentId, Quantity quantity, Direction direction, String partyRole,
            Long chainId, TokenStandard tokenStandard, String externalReference) {

        String legTypeWire() {
            return legType == LegType.PAYMENT ? "payment" : "asset_delivery";
        }
    }

    enum DecisionValue {
        @com.fasterxml.jackson.annotation.JsonProperty("approve") APPROVE,
        @com.fasterxml.jackson.annotation.JsonProperty("reject") REJECT
    }

    record ComplianceDecision(DecisionValue decision, String reason) {

        void check() {
            if (decision == null) {
                throw ApiException.invalidFields(List.of(new FieldError("decision", "is required: approve or reject")));
            }
            if (reason != null && reason.length() > 2000) {
                throw ApiException.invalidFields(List.of(new FieldError("reason", "must be at most 2000 characters")));
            }
        }
    }

    static void require(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
    }
}
