package xyz.keystoneos.dashboard.internal;

import java.util.List;
import java.util.Map;

/**
 * An error answer of the API ({@code application/problem+json}), carried to the page as a message a person can act
 * on. {@link #friendly()} words the common refusals; the API's own {@code detail} is kept for everything else.
 */
class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;
    private final List<Map<String, Object>> errors;
    private final String requestId;

    ApiProblem(int status, String code, String detail, List<Map<String, Object>> errors, String requestId) {
        super(status + " " + code + ": " + detail);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.errors = errors == null ? List.of() : errors;
        this.requestId = requestId;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String detail() {
        return detail;
    }

    List<Map<String, Object>> errors() {
        return errors;
    }

    String requestId() {
        return requestId;
    }

    /** The message shown on the page. */
    String friendly() {
        if (status == 403 && ("insufficient_scope".equals(code) || "cannot_change_own_role".equals(code))) {
            return "insufficient_scope".equals(code) ? "Your role does not allow this." : detail;
        }
        if ("environment_not_accessible".equals(code)) {
            return "That environment is not available to you (it may have been deactivated). Pick another one.";
        }
        if ("ip_not_allowed".equals(code)) {
            return "The IP allowlist of this environment refuses this server's address.";
        }
        if (status == 429) {
            return "Too many requests for this environment right now; try again in a moment.";
        }
        if (status >= 500) {
            return "KeyStone could not do this right now (" + (requestId == null ? "server error" : requestId)
                    + "). Try again.";
        }
        StringBuilder message = new StringBuilder(detail == null || detail.isBlank() ? "The request was refused."
                : detail);
        for (Map<String, Object> error : errors) {
            message.append(" ").append(error.get("field")).append(": ").append(error.get("message")).append('.');
        }
        return message.toString();
    }
}
