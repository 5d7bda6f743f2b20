package xyz.keystoneos.compliance;

/** A provider could not answer (timeout, error, open circuit). The caller should retry later. */
public class ScreeningUnavailableException extends RuntimeException {

    public ScreeningUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
