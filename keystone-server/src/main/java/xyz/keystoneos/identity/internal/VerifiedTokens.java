package xyz.keystoneos.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens this node has verified, so a client's next calls with the same token skip parsing and the
 * RSA signature check (about a tenth of a simple request's CPU). A remembered token is only as good as a fresh
 * check: every use runs the claim validators again (expiry, not-before, audience, issuer) and requires the key that
 * signed it to be trusted still; if either fails, the token is forgotten and checked from scratch, so the answer
 * (and its error) is exactly the one the verifying decoder gives. Entries are keyed by the token's SHA-256, bounded
 * in number and dropped after {@link #REMEMBER_FOR}. What a token stands for (client revoked, platform suspended,
 * environment inactive) is not a property of the token and is checked on every request after this.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;
    static final Duration REMEMBER_FOR = Duration.ofMinutes(10);

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Predicate<String> trustedKeyId;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    /**
     * @param verifying    the full check (parse, signature, validators)
     * @param validator    the validators the verifying decoder runs, run again on every use of a remembered token
     * @param trustedKeyId whether a key id ({@code kid}) is still trusted for verification
     */
    VerifiedTokens(JwtDecoder verifying, OAuth2TokenValidator<Jwt> validator, Predicate<String> trustedKeyId) {
        this.verifying = verifying;
        this.validator = validator;
        this.trustedKeyId = trustedKeyId;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = sha256(token);
        Jwt remembered = verified.getIfPresent(key);
        if (remembered != null) {
            Object keyId = remembered.getHeaders().get("kid");
            if (keyId instanceof String kid && trustedKeyId.test(kid)
                    && !validator.validate(remembered).hasErrors()) {
                return remembered;
            }
            verified.invalidate(key);
        }
        Jwt jwt = verifying.decode(token);
        verified.put(key, jwt);
        return jwt;
    }

    /** How many tokens are remembered now (for tests and diagnostics). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
