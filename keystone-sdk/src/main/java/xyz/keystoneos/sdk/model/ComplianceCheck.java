package xyz.keystoneos.sdk.model;

import java.time.Instant;

/**
 * One screening check of a settlement party.
 *
 * @param check     what was screened: {@code entity} (the name) or {@code wallet} (the address)
 * @param provider  the provider that screened it, for example {@code sanctions_list} or {@code sandbox_trigger}
 * @param outcome   the outcome
 * @param reference the provider's reference for the check
 * @param checkedAt when it ran
 */
public record ComplianceCheck(String check, String provider, CheckOutcome outcome, String reference,
        Instant checkedAt) {
}
