package xyz.keystoneos.activity;

import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/** Reads the activity log (for the admin API); implemented inside the module. */
public interface ActivityLog {

    /**
     * Entries matching the filter, newest first.
     *
     * @throws xyz.keystoneos.shared.web.ApiException 400 when {@code starting_after} is not an entry the filter
     *                                                can see
     */
    Page<ActivityEntry> search(ActivityFilter filter, PageQuery page);
}
