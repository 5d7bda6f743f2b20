package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;

/**
 * A leg of a settlement: one instrument moving from one party to the other.
 *
 * @param id                the leg id
 * @param legIndex          its index (used by deposits)
 * @param legType           asset delivery or payment
 * @param instrumentId      the instrument (symbol, ISIN or token address)
 * @param chainId           the chain
 * @param tokenStandard     the token standard
 * @param quantity          the quantity
 * @param direction         the direction, seen from {@code party_role}
 * @param partyRole         the role of the party the direction refers to
 * @param externalReference the owner's reference (only shown to the owner)
 * @param status            the escrow status
 * @param deposit           deposit instructions while deposits are awaited, else {@code null}
 */
public record SettlementLeg(String id, Integer legIndex, LegType legType, String instrumentId, Long chainId,
        TokenStandard tokenStandard, BigDecimal quantity, Direction direction, String partyRole,
        String externalReference, LegStatus status, DepositInstructions deposit) {
}
