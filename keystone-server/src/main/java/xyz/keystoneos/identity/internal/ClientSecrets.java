package xyz.keystoneos.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Generates client ids and secrets and hashes secrets with Argon2id. Hashes carry their algorithm
 * ({@code {argon2}…}) so that the parameters can be raised later without invalidating existing secrets.
 */
public final class ClientSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private ClientSecrets() {
    }

    public static PasswordEncoder passwordEncoder() {
        String current = "argon2";
        return new DelegatingPasswordEncoder(current,
                Map.of(current, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    /** {@code ksc_} + 24 url-safe characters (144 random bits). */
    public static String newClientId() {
        return "ksc_" + random(18);
    }

    /** {@code kss_} + 43 url-safe characters (256 random bits); the prefix lets secret scanners find leaks. */
    public static String newSecret() {
        return "kss_" + random(32);
    }

    static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
