package xyz.keystoneos.support;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** An HTTP response from the server under test, body parsed as JSON (or {@code null} when empty). */
public record ApiResponse(int status, HttpHeaders headers, String rawBody, JsonNode body) {

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The problem's {@code code}, or {@code null} if this is no problem document. */
    public String code() {
        return body == null || !body.has("code") ? null : body.get("code").asString();
    }

    public String text(String field) {
        return body.get(field).asString();
    }

    @Override
    public String toString() {
        return status + " " + rawBody;
    }
}
