package xyz.keystoneos.activity.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import xyz.keystoneos.activity.ActivityEntry;
import xyz.keystoneos.activity.ActivityFilter;
import xyz.keystoneos.activity.ActivityLog;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

@Service
class ActivityLogService implements ActivityLog {

    private final ActivityStore store;

    ActivityLogService(ActivityStore store) {
        this.store = store;
    }

    @Override
    public Page<ActivityEntry> search(ActivityFilter filter, PageQuery page) {
        UUID cursor = page.startingAfter() == null ? null : cursor(page.startingAfter(), filter.platformId());
        ActivityStore.Found found = store.search(filter, cursor, page.limit(), page.offset());
        return Page.of(found.items(), found.total(), page);
    }

    private UUID cursor(String startingAfter, UUID platformId) {
        try {
            UUID id = UUID.fromString(startingAfter);
            if (store.exists(id, platformId)) {
                return id;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiException.invalidFields(List.of(new FieldError("starting_after",
                "must be the id of an activity entry you can see (the last item of the previous page)")));
    }
}
