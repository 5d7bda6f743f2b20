package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One side of a bilateral trade, as submitted by your platform.
 *
 * @param id                 the instruction id
 * @param tradeReference     the reference shared with the counterparty ({@code KS-…} when generated)
 * @param status             pending match, matched, cancelled or expired
 * @param templateSlug       the template
 * @param role               your party's role
 * @param party              your party
 * @param legs               the legs, seen from your party
 * @param timeoutAt          the settlement timeout
 * @param expiresAt          when the instruction expires unless matched
 * @param settlementId       the settlement once matched, else {@code null}
 * @param feeMode            who pays the fee
 * @param settlementCategory repo category, or {@code null}
 * @param maturityAt         repo maturity, or {@code null}
 * @param repaymentAmount    repo repayment amount, or {@code null}
 * @param repoRate           repo rate, or {@code null}
 * @param idempotencyKey     the key it was submitted with
 * @param createdAt          creation time
 * @param updatedAt          last change
 */
public record Instruction(String id, String tradeReference, InstructionStatus status, String templateSlug,
        String role, InstructionParty party, List<InstructionLeg> legs, Instant timeoutAt, Instant expiresAt,
        String settlementId, FeeMode feeMode, SettlementCategory settlementCategory, Instant maturityAt,
        BigDecimal repaymentAmount, String repoRate, String idempotencyKey, Instant createdAt, Instant updatedAt) {

    /**
     * Creates an instruction; the legs are copied ({@code null} becomes empty).
     *
     * @param id                 the id
     * @param tradeReference     the trade reference
     * @param status             the status
     * @param templateSlug       the template
     * @param role               the role
     * @param party              the party
     * @param legs               the legs
     * @param timeoutAt          the timeout
     * @param expiresAt          the expiry
     * @param settlementId       the settlement
     * @param feeMode            the fee mode
     * @param settlementCategory the category
     * @param maturityAt         the maturity
     * @param repaymentAmount    the repayment amount
     * @param repoRate           the repo rate
     * @param idempotencyKey     the key
     * @param createdAt          creation time
     * @param updatedAt          last change
     */
    public Instruction {
        legs = Copies.list(legs);
    }
}
