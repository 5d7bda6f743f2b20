package xyz.keystoneos.sdk;

/**
 * A request got no answer from KeyStone: the connection was refused or reset, the host could not be resolved, or
 * the request timed out ({@link KeystoneClient.Builder#timeout}). {@link #getCause()} is the underlying
 * {@link java.io.IOException}. Whether the server processed the request is unknown; repeat a {@code POST} only with
 * the same idempotency key.
 *
 * <p>When the request was retried (see {@link RetryConfig}) and every attempt failed, the SDK reports a
 * {@link RetryExhaustedException} whose cause is the last attempt's {@code ApiConnectionException} instead.
 */
public class ApiConnectionException extends KeystoneException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, for example the method and URL
     * @param cause   the I/O failure
     */
    public ApiConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
