package xyz.keystoneos.sdk.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import xyz.keystoneos.sdk.KeystoneException;

/** Helpers for {@link CompletableFuture}s (internal). */
public final class Futures {

    private Futures() {
    }

    /**
     * Strips {@link CompletionException} and {@link ExecutionException} wrappers.
     *
     * @param failure a failure
     * @return the innermost cause that is not such a wrapper
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Returns a future completing like {@code source}, but failing with the unwrapped exception, so that
     * {@code exceptionally} and {@code handle} stages see {@code NotFoundException} rather than a
     * {@code CompletionException}.
     *
     * @param source the source
     * @param <T>    the value type
     * @return a new future
     */
    public static <T> CompletableFuture<T> unwrapped(CompletableFuture<T> source) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /**
     * Waits for a future and returns its value, rethrowing its failure as it is: a {@link KeystoneException},
     * {@link IllegalArgumentException} or other unchecked exception is thrown unwrapped.
     *
     * @param future the future
     * @param <T>    the value type
     * @return the value
     * @throws KeystoneException when the call failed, or when the waiting thread is interrupted
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new KeystoneException("Interrupted while waiting for the KeyStone API", e);
        } catch (ExecutionException | CompletionException e) {
            throw rethrow(unwrap(e));
        } catch (CancellationException e) {
            throw e;
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new KeystoneException(String.valueOf(cause.getMessage()), cause);
    }
}
