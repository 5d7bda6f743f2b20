package xyz.keystoneos.settlement.internal;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON text per value: keys sorted at every level, no whitespace. Event payloads are hashed in this form, and
 * because PostgreSQL's jsonb re-orders keys, verification re-canonicalises what it reads back.
 */
@Component
class CanonicalJson {

    private final JsonMapper mapper;

    CanonicalJson(JsonMapper jsonMapper) {
        this.mapper = jsonMapper.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    String of(Map<String, ?> value) {
        return mapper.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    String recanonicalise(String json) {
        return of(mapper.readValue(json, Map.class));
    }
}
