package xyz.keystoneos.shared.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {"items": [...], "total": N, "limit": L, "offset": O}}. */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public static <T> Page<T> of(List<T> items, long total, PageQuery query) {
        return new Page<>(List.copyOf(items), total, query.limit(), query.offset());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
    }
}
