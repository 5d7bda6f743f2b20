package xyz.keystoneos.admin.internal;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.activity.ActivityEntry;
import xyz.keystoneos.activity.ActivityFilter;
import xyz.keystoneos.activity.ActivityLog;
import xyz.keystoneos.compliance.ComplianceProviders;
import xyz.keystoneos.compliance.ProviderHealth;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/** Operators: compliance provider health and the activity log across platforms. */
@RestController
@RequiresScope(Scopes.ADMIN)
class AdminOverviewController {

    private final ComplianceProviders providers;
    private final ActivityLog activity;

    AdminOverviewController(ComplianceProviders providers, ActivityLog activity) {
        this.providers = providers;
        this.activity = activity;
    }

    record ProviderHealthList(List<ProviderHealth> items) {
    }

    /** Every compliance provider of this node with its circuit breaker state and recent failures. */
    @GetMapping("/v1/admin/providers/health")
    ProviderHealthList providerHealth() {
        return new ProviderHealthList(providers.health());
    }

    /** The activity log of every platform (and operators' own actions), newest first; the filters of {@code /v1/activity} plus {@code platform_id}. */
    @GetMapping("/v1/admin/activity")
    Page<ActivityEntry> activity(@RequestParam(name = "platform_id", required = false) String platformId,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "date_from", required = false) String dateFrom,
            @RequestParam(name = "date_to", required = false) String dateTo,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(name = "environment_id", required = false) String environmentId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        ActivityFilter filter = ActivityFilter.of(AdminRequests.uuid("platform_id", platformId), environmentId, type,
                category, resourceId, dateFrom, dateTo);
        return activity.search(filter, query);
    }
}
