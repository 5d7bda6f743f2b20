package xyz.keystoneos.sdk;

import java.io.Serializable;

/**
 * One field problem of a KeyStone error answer: an entry of the {@code errors} array of an RFC 9457 problem
 * document, for example {@code {"field": "legs[0].quantity", "message": "must be positive"}}.
 *
 * @param field   the JSON path of the offending field (for example {@code config.transitions.INSTRUCTED}); may be
 *                {@code null} when the server did not name one
 * @param message what is wrong with it, for people; may be {@code null}
 */
public record FieldError(String field, String message) implements Serializable {

    /**
     * Returns {@code field: message}, or whichever of the two is present.
     *
     * @return a readable form of this field error
     */
    @Override
    public String toString() {
        if (field == null) {
            return String.valueOf(message);
        }
        return message == null ? field : field + ": " + message;
    }
}
