package xyz.keystoneos.sdk;

/**
 * A received webhook failed verification: a required header is missing or malformed, its timestamp is outside
 * the tolerance, or no signature matches the body. The message says which. Answer such a request with 400 or 401
 * and do not process it.
 *
 * @see Webhooks#verify(byte[], java.util.Map, String)
 */
public class WebhookVerificationException extends KeystoneException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why verification failed
     */
    public WebhookVerificationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message why verification failed
     * @param cause   the underlying exception, may be {@code null}
     */
    public WebhookVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
