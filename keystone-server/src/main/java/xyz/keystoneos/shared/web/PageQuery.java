package xyz.keystoneos.shared.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The paging part of a list request: {@code limit} 1..200 (default 50), {@code offset} >= 0 (default 0) and an
 * optional {@code starting_after} cursor (the id of the last item of the previous page). Out-of-range values are
 * a 400 naming the parameter, never silently clamped.
 */
public record PageQuery(int limit, int offset, String startingAfter) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageQuery of(Integer limit, Integer offset, String startingAfter) {
        List<FieldError> errors = new ArrayList<>();
        int effectiveLimit = limit == null ? DEFAULT_LIMIT : limit;
        int effectiveOffset = offset == null ? 0 : offset;
        if (effectiveLimit < 1 || effectiveLimit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (effectiveOffset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more"));
        }
        if (startingAfter != null && startingAfter.isBlank()) {
            errors.add(new FieldError("starting_after", "must not be blank"));
        }
        if (startingAfter != null && offset != null && offset != 0) {
            errors.add(new FieldError("starting_after", "cannot be combined with offset"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return new PageQuery(effectiveLimit, effectiveOffset, startingAfter);
    }
}
