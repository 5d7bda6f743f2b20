package xyz.keystoneos.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, null-tolerant unmodifiable copies for the records of this package. */
final class Copies {

    private Copies() {
    }

    /** An unmodifiable copy; {@code null} becomes an empty list; {@code null} elements are kept. */
    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy, or {@code null} when {@code list} is {@code null}. */
    static <T> List<T> listOrNull(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy keeping order; {@code null} becomes an empty map; {@code null} values are kept. */
    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An unmodifiable copy keeping order, or {@code null} when {@code map} is {@code null}. */
    static <K, V> Map<K, V> mapOrNull(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
