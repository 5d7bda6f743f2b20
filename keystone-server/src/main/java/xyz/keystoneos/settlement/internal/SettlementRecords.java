package xyz.keystoneos.settlement.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import xyz.keystoneos.settlement.internal.domain.LegStatus;
import xyz.keystoneos.settlement.internal.domain.PartyStatus;
import xyz.keystoneos.settlement.internal.domain.SettlementSnapshot;
import xyz.keystoneos.template.TemplateConfig;

/** Rows of the settlement tables as the module reads them. */
final class SettlementRecords {

    private SettlementRecords() {
    }

    record SettlementRow(UUID id, UUID platformId, UUID environmentId, String environmentKind, UUID templateId,
            String templateSlug, int templateVersion, String externalReference, String idempotencyKey,
            String settlementType, String settlementCategory, UUID parentSettlementId, Instant maturityAt,
            String repoMetadataJson, String state, int version, Instant timeoutAt, Instant createdAt,
            Instant updatedAt) {
    }

    record PartyRow(UUID id, String role, UUID platformId, UUID environmentId, String externalReference, String name,
            String walletAddress, long chainId, PartyStatus status, Instant createdAt, Instant updatedAt) {
    }

    record LegRow(UUID id, int legIndex, String legType, String instrumentId, long chainId, String tokenStandard,
            BigDecimal quantity, String direction, String partyRole, String externalReference, LegStatus status) {

        /** The role that delivers this leg (legs are stored in deliver form). */
        String deliverer() {
            return partyRole;
        }
    }

    record EventRow(UUID id, UUID settlementId, int sequence, String fromState, String toState, String triggeredBy,
            String payloadJson, String evidenceHash, String contentHash, Instant createdAt) {
    }

    /** A settlement with its parties, legs and the workflow of its template version. */
    record Loaded(SettlementRow settlement, List<PartyRow> parties, List<LegRow> legs, TemplateConfig workflow) {

        SettlementSnapshot snapshot() {
            return new SettlementSnapshot(settlement.id(), settlement.state(), settlement.version(), workflow,
                    settlement.timeoutAt(), parties.stream().map(PartyRow::status).toList(),
                    legs.stream().map(LegRow::status).toList());
        }

        PartyRow party(String role) {
            return parties.stream().filter(p -> p.role().equals(role)).findFirst().orElseThrow();
        }

        /** The other party of a two-party settlement. */
        PartyRow counterpartyOf(String role) {
            return parties.stream().filter(p -> !p.role().equals(role)).findFirst().orElseThrow();
        }

        boolean hasPartyIn(UUID environmentId) {
            return parties.stream().anyMatch(p -> p.environmentId().equals(environmentId));
        }
    }
}
