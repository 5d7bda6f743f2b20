package xyz.keystoneos.compliance;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Screens settlement parties and remembers the results. Implemented inside the module. */
public interface ComplianceScreening {

    /**
     * Runs every configured check for every party, stores the results (joining the caller's transaction) and
     * returns them. Running it again for the same settlement replaces the earlier results.
     *
     * @throws ScreeningUnavailableException when a provider cannot answer after its retries
     */
    List<CheckResult> screen(ScreeningRequest request);

    /** The stored results of the latest screening of a settlement, in party and check order. */
    List<CheckResult> results(UUID settlementId);

    /**
     * {@link #results(UUID)} of several settlements in one read (a page of a list); every id is a key of the answer,
     * with an empty list for a settlement not screened yet.
     */
    Map<UUID, List<CheckResult>> results(Collection<UUID> settlementIds);
}
