package xyz.keystoneos.sdk.model;

/**
 * The answer to a sandbox leg deposit.
 *
 * @param settlementId the settlement
 * @param legIndex     the deposited leg
 * @param status       the leg's deposit status (deposited)
 * @param allDeposited whether every leg of the settlement is now deposited
 */
public record DepositResult(String settlementId, int legIndex, DepositStatus status, boolean allDeposited) {
}
