package xyz.keystoneos.settlement;

import xyz.keystoneos.shared.web.Quantity;

/**
 * A leg of a settlement to create. {@code direction} is {@code deliver} ({@code partyRole} delivers to the
 * counterparty) or {@code receive} ({@code partyRole} receives from the counterparty). {@code chainId} null means
 * the delivering party's chain.
 */
public record NewLeg(String legType, String instrumentId, Long chainId, String tokenStandard, Quantity quantity,
        String direction, String partyRole, String externalReference) {
}
