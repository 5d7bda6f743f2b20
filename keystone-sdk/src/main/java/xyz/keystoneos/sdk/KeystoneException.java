package xyz.keystoneos.sdk;

/**
 * Base of every exception the KeyStone SDK throws on purpose.
 *
 * <p>All SDK exceptions are unchecked and form one hierarchy, so a single {@code catch (KeystoneException e)}
 * handles everything the SDK reports:
 * <ul>
 *   <li>{@link ApiException} and its subclasses: the KeyStone API answered with an error status;</li>
 *   <li>{@link RetryExhaustedException}: a request kept failing with retryable errors until the
 *       {@link RetryConfig} gave up;</li>
 *   <li>{@link WebhookVerificationException}: a received webhook failed verification.</li>
 * </ul>
 *
 * <p>Invalid arguments passed to the SDK by the caller (programming errors) are reported with
 * {@link IllegalArgumentException} or {@link NullPointerException} instead.
 */
public class KeystoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong
     */
    public KeystoneException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong
     * @param cause   the underlying exception, may be {@code null}
     */
    public KeystoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
