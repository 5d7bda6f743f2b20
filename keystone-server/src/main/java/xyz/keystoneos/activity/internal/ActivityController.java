package xyz.keystoneos.activity.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.activity.ActivityEntry;
import xyz.keystoneos.activity.ActivityFilter;
import xyz.keystoneos.activity.ActivityLog;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * {@code GET /v1/activity}: the caller's platform's activity log (every environment, or one with
 * {@code environment_id}), newest first; filters {@code type}, {@code category}, {@code date_from},
 * {@code date_to}, {@code resource_id}.
 */
@RestController
class ActivityController {

    private final ActivityLog log;

    ActivityController(ActivityLog log) {
        this.log = log;
    }

    @GetMapping("/v1/activity")
    @RequiresScope(Scopes.PLATFORM_READ)
    Page<ActivityEntry> list(@RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "date_from", required = false) String dateFrom,
            @RequestParam(name = "date_to", required = false) String dateTo,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(name = "environment_id", required = false) String environmentId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        ActivityFilter filter = ActivityFilter.of(caller.requirePlatform(), environmentId, type, category, resourceId,
                dateFrom, dateTo);
        return log.search(filter, query);
    }
}
