package xyz.keystoneos.chain.internal;

import java.util.UUID;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.shared.web.ApiException;

/** The sandbox endpoints serve sandbox environments only; production callers get 403 {@code sandbox_only}. */
final class SandboxAccess {

    static final String SANDBOX = "sandbox";

    private SandboxAccess() {
    }

    /** The caller's environment, once it is known to be a sandbox. */
    static UUID requireSandbox(Caller caller) {
        UUID environmentId = caller.requireEnvironment();
        if (!SANDBOX.equals(caller.environmentKind())) {
            throw ApiException.forbidden("sandbox_only",
                    "The sandbox endpoints only serve sandbox environments; this is a "
                            + caller.environmentKind() + " environment");
        }
        return environmentId;
    }
}
