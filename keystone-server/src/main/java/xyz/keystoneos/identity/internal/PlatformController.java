package xyz.keystoneos.identity.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.Platform;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.ApiException;

/** The caller's own platform. */
@RestController
@RequestMapping("/v1/platforms")
class PlatformController {

    private final IdentityRepository identities;

    PlatformController(IdentityRepository identities) {
        this.identities = identities;
    }

    @GetMapping("/me")
    @RequiresScope(Scopes.PLATFORM_READ)
    Platform me(Caller caller) {
        return identities.findPlatform(caller.requirePlatform())
                .orElseThrow(() -> ApiException.notFound("platform_not_found", "Your platform no longer exists"));
    }
}
