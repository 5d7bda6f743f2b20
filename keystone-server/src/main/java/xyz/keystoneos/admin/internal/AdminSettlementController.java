package xyz.keystoneos.admin.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.activity.ActivityNotes;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.settlement.SettlementOperations;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * {@code /v1/admin/settlements}: the pipeline across every platform (stuck settlements, counts per state,
 * transitions per period) and the repairs (retry, forced rollback). Every list takes an optional
 * {@code platform_id}: only settlements with a party of that platform.
 */
@RestController
@RequestMapping("/v1/admin/settlements")
@RequiresScope(Scopes.ADMIN)
class AdminSettlementController {

    private final SettlementOperations operations;

    AdminSettlementController(SettlementOperations operations) {
        this.operations = operations;
    }

    /** Not-finished settlements without a transition for {@code older_than} (default {@code 1h}) or past their timeout. */
    @GetMapping("/stuck")
    Page<SettlementOperations.Stuck> stuck(@RequestParam(name = "older_than", required = false) String olderThan,
            @RequestParam(name = "platform_id", required = false) String platformId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        Duration threshold = AdminRequests.threshold("older_than", olderThan == null ? "1h" : olderThan);
        return operations.stuck(threshold, AdminRequests.uuid("platform_id", platformId), query);
    }

    record Pipeline(Map<String, Long> counts, long total, Instant asOf) {
    }

    /** How many settlements are in each state now. */
    @GetMapping("/pipeline")
    Pipeline pipeline(@RequestParam(name = "platform_id", required = false) String platformId) {
        SettlementOperations.StateCounts counts = operations.pipeline(AdminRequests.uuid("platform_id", platformId));
        return new Pipeline(counts.counts(), counts.total(), Instant.now());
    }

    record TransitionCounts(String period, Instant since, Map<String, Long> counts, long total) {
    }

    /** Transitions into each state during the last {@code period}: {@code 1h}, {@code 24h} (default), {@code 7d}, {@code 30d}. */
    @GetMapping("/transitions")
    TransitionCounts transitions(@RequestParam(name = "period", required = false) String requested,
            @RequestParam(name = "platform_id", required = false) String platformId) {
        String period = requested == null ? "24h" : requested;
        Duration duration = AdminRequests.period(period);
        Instant since = Instant.now().minus(duration);
        SettlementOperations.StateCounts counts = operations.transitions(duration,
                AdminRequests.uuid("platform_id", platformId));
        return new TransitionCounts(period, since, counts.counts(), counts.total());
    }

    /** 202: the engine takes the settlement up again now; failing jobs restart without waiting out their backoff. */
    @PostMapping("/{id}/retry")
    ResponseEntity<SettlementOperations.Retried> retry(@PathVariable("id") UUID id) {
        SettlementOperations.Retried retried = operations.retry(id);
        ActivityNotes.platform(retried.settlement().platformId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(retried);
    }

    /**
     * Rolls the settlement back (deposits refunded) with the operator's reason in its event; 200 with the
     * settlement. Repeating it on a rolled-back settlement answers the same and writes nothing; a settlement that
     * finished otherwise is 409 {@code settlement_finished}.
     */
    @PostMapping("/{id}/force-rollback")
    SettlementOperations.RolledBack forceRollback(@PathVariable("id") UUID id,
            @RequestBody AdminRequests.ForceRollback request, Caller caller) {
        request.check();
        SettlementOperations.RolledBack result = operations.forceRollback(id, request.reason(),
                "admin:" + (caller.isPerson() ? caller.clientId().substring(caller.clientId().indexOf(':') + 1)
                        : caller.clientId()));
        ActivityNotes.platform(result.settlement().platformId());
        ActivityNotes.detail("reason", request.reason());
        if (!result.changed()) {
            ActivityNotes.unchanged();
        }
        return result;
    }
}
