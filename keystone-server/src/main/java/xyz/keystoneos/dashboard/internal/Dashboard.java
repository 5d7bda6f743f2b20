package xyz.keystoneos.dashboard.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's view of the API: the logged-in {@link Viewer}, their access token and the environment they have
 * selected. Handlers take it as a parameter ({@link DashboardArgumentResolver}).
 */
final class Dashboard {

    private final ApiClient api;
    private final Viewer viewer;
    private final String token;
    private final String environmentId;

    Dashboard(ApiClient api, Viewer viewer, String token, String environmentId) {
        this.api = api;
        this.viewer = viewer;
        this.token = token;
        this.environmentId = environmentId;
    }

    Viewer viewer() {
        return viewer;
    }

    String environmentId() {
        return environmentId;
    }

    boolean can(String permission) {
        return viewer.can(permission);
    }

    Map<String, Object> get(String path) {
        return api.send("GET", path, null, token, environmentId);
    }

    Map<String, Object> post(String path, Object body) {
        return api.send("POST", path, body, token, environmentId);
    }

    Map<String, Object> patch(String path, Object body) {
        return api.send("PATCH", path, body, token, environmentId);
    }

    void delete(String path) {
        api.send("DELETE", path, null, token, environmentId);
    }

    /** {@code items} of a list answer. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        Object items = page.get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    static long total(Map<String, Object> page) {
        Object total = page.get("total");
        return total instanceof Number n ? n.longValue() : items(page).size();
    }

    /** {@code path?k=v&…} with every value URL-encoded; null and blank values are left out. */
    static String query(String path, Object... keysAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        List<String> parts = new ArrayList<>();
        parameters.forEach((key, value) -> {
            if (value instanceof Iterable<?> values) {
                values.forEach(v -> parts.add(key + "=" + encode(String.valueOf(v))));
            } else if (value != null && !String.valueOf(value).isBlank()) {
                parts.add(key + "=" + encode(String.valueOf(value)));
            }
        });
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
