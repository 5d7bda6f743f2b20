package xyz.keystoneos.compliance.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import xyz.keystoneos.compliance.CheckType;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;

/**
 * The documented test triggers of sandbox environments, like test card numbers: a matching party gets the
 * trigger's outcome from every configured provider, without the provider being asked. Name triggers are
 * case-sensitive ("Flagstaff Capital" is not {@code FLAG}); wallet triggers ignore case. Declared most severe first:
 * the first matching trigger wins.
 */
enum SandboxTrigger {

    NAME_CONTAINS_REJECT(CheckType.ENTITY, ScreeningOutcome.FAIL, "name_contains_REJECT",
            name -> name.contains("REJECT")),
    NAME_CONTAINS_FLAG(CheckType.ENTITY, ScreeningOutcome.FLAGGED, "name_contains_FLAG",
            name -> name.contains("FLAG")),
    WALLET_ENDS_DEAD(CheckType.WALLET, ScreeningOutcome.FAIL, "wallet_ends_dead",
            wallet -> wallet.toLowerCase(Locale.ROOT).endsWith("dead")),
    WALLET_ENDS_F1A9(CheckType.WALLET, ScreeningOutcome.FLAGGED, "wallet_ends_f1a9",
            wallet -> wallet.toLowerCase(Locale.ROOT).endsWith("f1a9"));

    static final String REFERENCE_PREFIX = "sandbox_trigger:";

    private final CheckType check;
    private final ScreeningOutcome outcome;
    private final String code;
    private final Predicate<String> matches;

    SandboxTrigger(CheckType check, ScreeningOutcome outcome, String code, Predicate<String> matches) {
        this.check = check;
        this.outcome = outcome;
        this.code = code;
        this.matches = matches;
    }

    /** The verdict of the first trigger for this check that matches the subject (a name or a wallet address). */
    static Optional<ProviderVerdict> verdictFor(CheckType check, String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(trigger -> trigger.check == check && trigger.matches.test(subject))
                .findFirst()
                .map(SandboxTrigger::verdict);
    }

    ProviderVerdict verdict() {
        return new ProviderVerdict(outcome, REFERENCE_PREFIX + code);
    }
}
