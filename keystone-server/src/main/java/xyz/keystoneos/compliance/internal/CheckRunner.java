package xyz.keystoneos.compliance.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import xyz.keystoneos.compliance.CheckResult;
import xyz.keystoneos.compliance.CheckType;
import xyz.keystoneos.compliance.PartyToScreen;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;
import xyz.keystoneos.compliance.ScreeningRequest;

/**
 * Runs the checks of a screening request, without storing anything: for each party (in request order) one entity
 * check per entity provider, then one wallet check per wallet provider (each provider once, in template order).
 * A check is decided, in this order, by
 * <ol>
 * <li>a {@link SandboxTrigger} when the request is for sandbox;</li>
 * <li>{@code flagged} with {@code unknown_provider:<name>} when no provider bean has that name (a human must
 * look);</li>
 * <li>{@code flagged} with {@code missing_name} / {@code missing_wallet_address} when there is nothing to screen;</li>
 * <li>the provider, called through its {@link ProviderGuard}.</li>
 * </ol>
 */
@Component
class CheckRunner {

    static final String UNKNOWN_PROVIDER = "unknown_provider:";
    static final String MISSING_NAME = "missing_name";
    static final String MISSING_WALLET = "missing_wallet_address";

    private final GuardedProviders providers;
    private final Clock clock;

    @Autowired
    CheckRunner(GuardedProviders providers) {
        this(providers, Clock.systemUTC());
    }

    CheckRunner(GuardedProviders providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    /** @throws xyz.keystoneos.compliance.ScreeningUnavailableException when a provider cannot answer */
    List<CheckResult> run(ScreeningRequest request) {
        List<String> entityProviders = distinct(request.entityProviders());
        List<String> walletProviders = distinct(request.walletProviders());
        List<CheckResult> results = new ArrayList<>();
        for (PartyToScreen party : orEmpty(request.parties())) {
            for (String provider : entityProviders) {
                results.add(check(request.sandbox(), party, CheckType.ENTITY, provider));
            }
            for (String provider : walletProviders) {
                results.add(check(request.sandbox(), party, CheckType.WALLET, provider));
            }
        }
        return List.copyOf(results);
    }

    private CheckResult check(boolean sandbox, PartyToScreen party, CheckType check, String provider) {
        ProviderVerdict verdict = decide(sandbox, party, check, provider);
        return new CheckResult(party.partyId(), check, provider, verdict.outcome(), verdict.reference(), now());
    }

    private ProviderVerdict decide(boolean sandbox, PartyToScreen party, CheckType check, String provider) {
        String subject = check == CheckType.ENTITY ? party.name() : party.walletAddress();
        if (sandbox) {
            Optional<ProviderVerdict> triggered = SandboxTrigger.verdictFor(check, subject);
            if (triggered.isPresent()) {
                return triggered.get();
            }
        }
        Optional<ProviderGuard> guard = providers.find(provider);
        if (guard.isEmpty()) {
            return new ProviderVerdict(ScreeningOutcome.FLAGGED, UNKNOWN_PROVIDER + provider);
        }
        if (subject == null || subject.isBlank()) {
            return new ProviderVerdict(ScreeningOutcome.FLAGGED,
                    check == CheckType.ENTITY ? MISSING_NAME : MISSING_WALLET);
        }
        return check == CheckType.ENTITY
                ? guard.get().screenEntity(subject)
                : guard.get().screenWallet(subject, party.chainId());
    }

    /** Now, at the precision PostgreSQL stores, so returned and re-read results are equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<String> distinct(List<String> names) {
        return orEmpty(names).stream().filter(Objects::nonNull).distinct().toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
