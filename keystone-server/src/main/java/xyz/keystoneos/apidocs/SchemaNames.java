package xyz.keystoneos.apidocs;

import io.swagger.v3.core.jackson.TypeNameResolver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schema names that do not depend on the order springdoc meets the types in, and do not silently merge two types
 * that share a simple name. A top-level class keeps its simple name ({@code SettlementTemplate}). A nested type keeps
 * its simple name when that already contains its enclosing type's stem ({@code InstructionController.InstructionView}
 * is {@code InstructionView}); otherwise the stem goes in front ({@code InstructionRequests.Submit} is
 * {@code InstructionSubmit}, {@code WebhookViews.EventPage} is {@code WebhookEventPage}). The stem is the enclosing
 * type's simple name without a trailing Controller, Requests, Request, Views, View, Responses, Response or Record
 * (a plural stem also counts in the singular: {@code Sessions.Session} is {@code Session}).
 * Two different types that still end up with one name are recorded in {@link #collisions()} (the OpenAPI test fails
 * on them); add {@code @Schema(name = "...")} to one of them.
 */
class SchemaNames extends TypeNameResolver {

    private static final List<String> SUFFIXES = List.of("Controller", "Requests", "Request", "Views", "View",
            "Responses", "Response", "Record");

    private final Map<String, Set<String>> typesByName = new ConcurrentHashMap<>();

    @Override
    protected String getNameOfClass(Class<?> type) {
        String name = nameOf(type);
        typesByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(type.getName());
        return name;
    }

    static String nameOf(Class<?> type) {
        String simple = type.getSimpleName();
        Class<?> enclosing = type.getEnclosingClass();
        if (enclosing == null || !type.getName().startsWith("xyz.keystoneos.")) {
            return simple;
        }
        String stem = enclosing.getSimpleName();
        for (String suffix : SUFFIXES) {
            if (stem.endsWith(suffix) && stem.length() > suffix.length()) {
                stem = stem.substring(0, stem.length() - suffix.length());
                break;
            }
        }
        String singular = stem.endsWith("s") ? stem.substring(0, stem.length() - 1) : stem;
        return simple.contains(stem) || simple.contains(singular) ? simple : stem + simple;
    }

    /** Schema names claimed by more than one Java type, with those types. */
    Map<String, Set<String>> collisions() {
        Map<String, Set<String>> collisions = new TreeMap<>();
        typesByName.forEach((name, types) -> {
            if (types.size() > 1) {
                collisions.put(name, new TreeSet<>(types));
            }
        });
        return collisions;
    }
}
