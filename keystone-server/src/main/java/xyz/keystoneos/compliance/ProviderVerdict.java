package xyz.keystoneos.compliance;

/** What a provider answers for one subject. */
public record ProviderVerdict(ScreeningOutcome outcome, String reference) {
}
