package xyz.keystoneos.identity.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.AuthenticatedOnly;
import xyz.keystoneos.identity.Caller;

/** {@code GET /v1/ping}: proves a token works and shows what the API resolved it to. */
@RestController
class PingController {

    record Pong(String clientId, String clientKind, UUID platformId, UUID environmentId, String environmentSlug,
            String environmentKind, List<String> scopes) {
    }

    @GetMapping("/v1/ping")
    @AuthenticatedOnly
    Pong ping(Caller caller) {
        return new Pong(caller.clientId(), caller.kind().name().toLowerCase(java.util.Locale.ROOT),
                caller.platformId(), caller.environmentId(), caller.environmentSlug(), caller.environmentKind(),
                caller.scopes().stream().sorted().toList());
    }
}
