package xyz.keystoneos.compliance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import xyz.keystoneos.compliance.ComplianceProvider;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;

/**
 * A provider for tests: answers with the next scripted behaviour (the last one repeats), counts its calls and
 * remembers what it was asked.
 */
final class FakeProvider implements ComplianceProvider {

    static final ProviderVerdict PASS = new ProviderVerdict(ScreeningOutcome.PASS, "fake:clear");

    private final String name;
    private final List<Supplier<ProviderVerdict>> script = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> subjects = new ArrayList<>();

    FakeProvider(String name) {
        this.name = name;
        script.add(() -> PASS);
    }

    /** Replaces the script: each call takes the next behaviour, the last one for every further call. */
    @SafeVarargs
    final FakeProvider answering(Supplier<ProviderVerdict>... behaviours) {
        script.clear();
        script.addAll(List.of(behaviours));
        return this;
    }

    static Supplier<ProviderVerdict> failing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    static Supplier<ProviderVerdict> sleeping(long millis) {
        return () -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PASS;
        };
    }

    static Supplier<ProviderVerdict> verdict(ScreeningOutcome outcome, String reference) {
        return () -> new ProviderVerdict(outcome, reference);
    }

    int calls() {
        return calls.get();
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderVerdict screenEntity(String name) {
        return answer(name);
    }

    @Override
    public ProviderVerdict screenWallet(String walletAddress, long chainId) {
        return answer(walletAddress);
    }

    private ProviderVerdict answer(String subject) {
        int call = calls.getAndIncrement();
        synchronized (this) {
            subjects.add(subject);
        }
        return script.get(Math.min(call, script.size() - 1)).get();
    }
}
