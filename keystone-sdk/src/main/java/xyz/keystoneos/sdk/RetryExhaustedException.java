package xyz.keystoneos.sdk;

/**
 * A request kept failing with retryable errors (see {@link RetryConfig}) and the SDK gave up.
 * {@link #getCause()} is the failure of the last attempt: an {@link ApiException} when the server answered,
 * otherwise the connection error.
 */
public class RetryExhaustedException extends KeystoneException {

    private static final long serialVersionUID = 1L;

    /** How many attempts were made. */
    private final int attempts;
    /** Status of the last answer, null when the last attempt got none. */
    private final Integer lastStatus;

    /**
     * Creates the exception.
     *
     * @param attempts   how many attempts were made in total (first attempt plus retries), at least 1
     * @param lastStatus the HTTP status of the last attempt's answer, or {@code null} when it got no answer
     *                   (connection error, timeout)
     * @param cause      the failure of the last attempt, may be {@code null}
     * @throws IllegalArgumentException if {@code attempts} is less than 1
     */
    public RetryExhaustedException(int attempts, Integer lastStatus, Throwable cause) {
        super(describe(attempts, lastStatus, cause), cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
    }

    /**
     * Returns how many attempts were made in total.
     *
     * @return the number of attempts, at least 1
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Returns the HTTP status of the last attempt's answer.
     *
     * @return the status, or {@code null} when the last attempt got no answer
     */
    public Integer lastStatus() {
        return lastStatus;
    }

    private static String describe(int attempts, Integer lastStatus, Throwable cause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        String text = "Request failed after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        if (lastStatus != null) {
            return text + " (last status " + lastStatus + ")";
        }
        if (cause != null) {
            return text + " (no response: " + cause + ")";
        }
        return text + " (no response)";
    }
}
