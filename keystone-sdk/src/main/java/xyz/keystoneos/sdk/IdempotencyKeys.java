package xyz.keystoneos.sdk;

import java.util.UUID;

/**
 * Generates idempotency keys for {@code POST} requests. A request repeated with the same key (by you, or by the
 * SDK's retries) returns the resource the first request created instead of creating another one.
 *
 * <p>Generate one key per logical operation and reuse it for every repetition of that operation.
 */
public final class IdempotencyKeys {

    /** The longest prefix accepted by {@link #generate(String)}: {@value} characters. */
    public static final int MAX_PREFIX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    /**
     * Returns a new random key: a version 4 UUID in its canonical lowercase form, for example
     * {@code 3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b}.
     *
     * @return a new key
     */
    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /**
     * Returns a new random key with a prefix: {@code prefix + "-" + uuid}, for example
     * {@code my-prefix-3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b}. A prefix makes keys easier to trace in logs.
     *
     * @param prefix a non-blank prefix of at most {@value #MAX_PREFIX_LENGTH} characters, without whitespace or
     *               control characters (the key travels in the {@code Idempotency-Key} header)
     * @return a new key
     * @throws IllegalArgumentException if the prefix is null, blank, too long, or holds whitespace or control
     *                                  characters
     */
    public static String generate(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("idempotency key prefix must not be null or blank");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("idempotency key prefix must be at most " + MAX_PREFIX_LENGTH
                    + " characters, was " + prefix.length());
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "idempotency key prefix must not contain whitespace or control characters (found one at index "
                                + i + ")");
            }
        }
        return prefix + "-" + generate();
    }
}
