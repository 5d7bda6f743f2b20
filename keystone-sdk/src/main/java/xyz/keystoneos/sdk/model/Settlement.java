package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A settlement as the caller sees it. Every platform with a party in it sees it; other platforms'
 * {@code external_reference}s, the owner's idempotency key and other owners' deposit secrets read as {@code null}.
 *
 * @param id                 the settlement id
 * @param idempotencyKey     the key it was created with (only shown to the owning environment)
 * @param platformId         the platform that created it
 * @param environmentId      the environment that created it
 * @param templateId         the template it follows
 * @param templateSlug       the template's slug
 * @param templateVersion    the template version it was created with
 * @param externalReference  the owner's reference (only shown to the owner)
 * @param settlementType     single or cross platform
 * @param settlementCategory repo role, or {@code null}
 * @param parentSettlementId for a repo close, the opening settlement; else {@code null}
 * @param maturityAt         repo maturity, or {@code null}
 * @param repoMetadata       repo details ({@code repayment_amount}, {@code repo_rate}, …), or {@code null}
 * @param parties            the parties
 * @param legs               the legs, by {@code leg_index}
 * @param state              the current state ({@link SettlementState#UNKNOWN} for a state this SDK does not know)
 * @param version            increments on every change
 * @param timeoutAt          when it times out unless executed
 * @param createdAt          creation time
 * @param updatedAt          last change
 */
public record Settlement(String id, String idempotencyKey, String platformId, String environmentId, String templateId,
        String templateSlug, Integer templateVersion, String externalReference, SettlementType settlementType,
        SettlementCategory settlementCategory, String parentSettlementId, Instant maturityAt,
        Map<String, Object> repoMetadata, List<SettlementParty> parties, List<SettlementLeg> legs,
        SettlementState state, Integer version, Instant timeoutAt, Instant createdAt, Instant updatedAt) {

    /**
     * Creates a settlement; lists and maps are copied ({@code null} lists become empty).
     *
     * @param id                 the settlement id
     * @param idempotencyKey     the creation key
     * @param platformId         the creating platform
     * @param environmentId      the creating environment
     * @param templateId         the template id
     * @param templateSlug       the template slug
     * @param templateVersion    the template version
     * @param externalReference  the owner's reference
     * @param settlementType     the type
     * @param settlementCategory the repo category
     * @param parentSettlementId the opening settlement of a repo close
     * @param maturityAt         the repo maturity
     * @param repoMetadata       repo details
     * @param parties            the parties
     * @param legs               the legs
     * @param state              the state
     * @param version            the version
     * @param timeoutAt          the timeout
     * @param createdAt          the creation time
     * @param updatedAt          the last change
     */
    public Settlement {
        repoMetadata = Copies.mapOrNull(repoMetadata);
        parties = Copies.list(parties);
        legs = Copies.list(legs);
    }

    /**
     * Returns whether the settlement is in a terminal state ({@code FINALIZED}, {@code ROLLED_BACK},
     * {@code TIMED_OUT}).
     *
     * @return {@code true} when it will never change state again
     */
    public boolean isTerminal() {
        return state != null && state.isTerminal();
    }

    /**
     * Returns the party with a role.
     *
     * @param role the role, for example {@code seller}
     * @return the party, or {@code null} when none has that role
     */
    public SettlementParty party(String role) {
        return parties.stream().filter(p -> role.equals(p.role())).findFirst().orElse(null);
    }
}
