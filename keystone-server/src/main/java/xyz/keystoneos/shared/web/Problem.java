package xyz.keystoneos.shared.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * RFC 9457 problem document with KeyStone's members: {@code code} (stable machine code), {@code errors}
 * (field-level list) and {@code request_id}. {@code extensions} carries extra members such as
 * {@code required_scope}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors,
        String requestId, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String TYPE_BASE = "https://docs.keystoneos.xyz/errors/";

    public static Problem of(HttpStatus status, String code, String detail, List<FieldError> errors, String requestId) {
        return new Problem(TYPE_BASE + code, status.getReasonPhrase(), status.value(), detail, code, errors, requestId,
                Map.of());
    }

    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, code, errors, requestId, more);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
