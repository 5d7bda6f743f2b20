package xyz.keystoneos.sdk.internal;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xyz.keystoneos.sdk.model.PageParams;

/** Builds query parameters, skipping {@code null} values (internal). */
public final class Query {

    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    /**
     * Adds a parameter unless the value is {@code null}.
     *
     * @param name  the name
     * @param value the value, or {@code null}
     * @return this query
     */
    public Query add(String name, Object value) {
        if (value != null) {
            String text = value instanceof Instant instant ? instant.toString() : value.toString();
            entries.add(new AbstractMap.SimpleImmutableEntry<>(name, text));
        }
        return this;
    }

    /**
     * Adds the paging parameters.
     *
     * @param page the paging, may be {@code null}
     * @return this query
     */
    public Query page(PageParams page) {
        if (page != null) {
            add("limit", page.limit());
            add("offset", page.offset());
            add("starting_after", page.startingAfter());
        }
        return this;
    }

    /**
     * Returns the parameters.
     *
     * @return the entries in order
     */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }
}
