package xyz.keystoneos.shared.idempotency;

import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import java.util.List;

/** Picks the idempotency key of a request from its body field or its {@code Idempotency-Key} header. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * @return the key, or {@code null} when neither is given and the operation does not require one
     * @throws ApiException 400 when the key is blank, too long, missing while required, or the two disagree
     */
    public static String resolve(String fromBody, String fromHeader, boolean required) {
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw ApiException.invalidFields(List.of(new FieldError("idempotency_key",
                    "differs from the Idempotency-Key header; send one of them, or the same value in both")));
        }
        String key = fromBody != null ? fromBody : fromHeader;
        if (key == null) {
            if (required) {
                throw ApiException.invalidFields(List.of(new FieldError("idempotency_key",
                        "is required (in the body or as the Idempotency-Key header)")));
            }
            return null;
        }
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw ApiException.invalidFields(List.of(new FieldError("idempotency_key",
                    "must be 1 to " + MAX_LENGTH + " characters and not blank")));
        }
        return key;
    }
}
