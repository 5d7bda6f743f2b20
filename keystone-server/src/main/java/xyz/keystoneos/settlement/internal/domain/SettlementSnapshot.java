package xyz.keystoneos.settlement.internal.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import xyz.keystoneos.template.TemplateConfig;

/**
 * What the engine knows about a settlement when it decides: its state, its template's workflow, the compliance
 * standing of its parties and whether its legs are in escrow.
 */
public record SettlementSnapshot(UUID id, String state, int version, TemplateConfig workflow, Instant timeoutAt,
        List<PartyStatus> parties, List<LegStatus> legs) {

    public boolean everyPartyCleared() {
        return !parties.isEmpty() && parties.stream().allMatch(p -> p == PartyStatus.CLEARED);
    }

    public boolean anyPartyFailed() {
        return parties.contains(PartyStatus.FAILED);
    }

    public boolean anyPartyFlagged() {
        return parties.contains(PartyStatus.FLAGGED);
    }

    public boolean screeningDone() {
        return !parties.contains(PartyStatus.PENDING);
    }

    public boolean everyLegLocked() {
        return !legs.isEmpty() && legs.stream().allMatch(l -> l == LegStatus.LOCKED);
    }
}
