package xyz.keystoneos.identity.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;

/**
 * {@code /v1/admin/signing-keys} (operators): the issuer's token signing keys — ids and dates only, never key
 * material — and their rotation. A rotation creates a new key that signs from now on (on every node within a
 * minute; a node meeting a token with an unknown key id reloads at once) and retires the current one, which stays
 * published in the JWKS so the tokens it signed keep working until they expire.
 */
@RestController
@RequestMapping("/v1/admin/signing-keys")
class SigningKeyController {

    record SigningKey(String kid, String algorithm, Instant createdAt, Instant retiredAt, boolean signing) {
    }

    record SigningKeys(List<SigningKey> items, long total) {
    }

    private final xyz.keystoneos.identity.internal.SigningKeys keys;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    SigningKeyController(xyz.keystoneos.identity.internal.SigningKeys keys, JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.events = events;
    }

    @GetMapping
    @RequiresScope(Scopes.ADMIN)
    SigningKeys list() {
        List<SigningKey> items = jdbc.sql("""
                select kid, algorithm, created_at, retired_at from signing_keys order by created_at desc, kid""")
                .query((rs, row) -> new SigningKey(rs.getString("kid"), rs.getString("algorithm"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant(),
                        rs.getTimestamp("retired_at") == null))
                .list();
        return new SigningKeys(items, items.size());
    }

    /** Rotates now; answers the keys after the rotation (the first one signs). */
    @PostMapping("/rotate")
    @RequiresScope(Scopes.ADMIN)
    SigningKeys rotate(Caller caller) {
        String kid = keys.rotate();
        events.publishEvent(new IdentityActivity.CredentialChanged("signing_key.rotated", kid, null, null,
                caller.actor(), Instant.now()));
        return list();
    }
}
