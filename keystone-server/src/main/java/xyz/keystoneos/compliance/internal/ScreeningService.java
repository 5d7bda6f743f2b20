package xyz.keystoneos.compliance.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import xyz.keystoneos.compliance.CheckResult;
import xyz.keystoneos.compliance.ComplianceScreening;
import xyz.keystoneos.compliance.ScreeningRequest;

/**
 * {@link ComplianceScreening} of the module: the {@link CheckRunner} asks the providers (no database connection is
 * held meanwhile by this class), then the results replace the settlement's earlier ones in one write that joins the
 * caller's transaction. When a provider cannot answer, nothing is written and the earlier results stay.
 */
@Service
class ScreeningService implements ComplianceScreening {

    private final CheckRunner runner;
    private final ComplianceCheckRepository checks;

    ScreeningService(CheckRunner runner, ComplianceCheckRepository checks) {
        this.runner = runner;
        this.checks = checks;
    }

    @Override
    public List<CheckResult> screen(ScreeningRequest request) {
        Objects.requireNonNull(request.settlementId(), "settlementId");
        List<CheckResult> results = runner.run(request);
        checks.replace(request.settlementId(), results);
        return results;
    }

    @Override
    public List<CheckResult> results(UUID settlementId) {
        return checks.findBySettlement(settlementId);
    }

    @Override
    public Map<UUID, List<CheckResult>> results(Collection<UUID> settlementIds) {
        return checks.findBySettlements(settlementIds);
    }
}
