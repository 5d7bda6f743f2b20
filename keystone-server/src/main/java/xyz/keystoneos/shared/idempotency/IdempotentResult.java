package xyz.keystoneos.shared.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What an idempotent create produced: the resource, and whether this call replayed an earlier one. */
public record IdempotentResult<T>(T resource, boolean replayed) {

    /** 201 for the first call, 200 with {@code Idempotent-Replayed: true} for a replay. */
    public ResponseEntity<T> toResponse() {
        if (replayed) {
            return ResponseEntity.status(HttpStatus.OK).header("Idempotent-Replayed", "true").body(resource);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(resource);
    }
}
