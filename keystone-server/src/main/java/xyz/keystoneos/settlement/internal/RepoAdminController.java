package xyz.keystoneos.settlement.internal;

import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;

/** Operators: {@code POST /v1/admin/settlements/{id}/trigger-maturity} matures a finalised repo now (idempotent). */
@RestController
class RepoAdminController {

    private final RepoMaturity maturity;

    RepoAdminController(RepoMaturity maturity) {
        this.maturity = maturity;
    }

    record Matured(UUID settlementId, UUID closingSettlementId) {
    }

    @PostMapping("/v1/admin/settlements/{id}/trigger-maturity")
    @RequiresScope(Scopes.ADMIN)
    Matured trigger(@PathVariable("id") UUID id, Caller caller) {
        return new Matured(id, maturity.mature(id, "admin:" + caller.clientId()));
    }
}
