package xyz.keystoneos.compliance;

import java.time.Instant;
import java.util.UUID;

/**
 * One check of one party by one provider. {@code reference} is the provider's reference for the decision (never
 * the raw screening data).
 */
public record CheckResult(UUID partyId, CheckType check, String provider, ScreeningOutcome outcome, String reference,
        Instant checkedAt) {
}
