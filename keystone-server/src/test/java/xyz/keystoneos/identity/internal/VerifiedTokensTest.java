package xyz.keystoneos.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import xyz.keystoneos.support.MutableClock;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final AtomicBoolean keyTrusted = new AtomicBoolean(true);
    private RSAKey key;
    private VerifiedTokens tokens;

    @BeforeEach
    void setUp() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        JWKSet published = new JWKSet(key.toPublicJWK());
        NimbusJwtDecoder verifying = NimbusJwtDecoder.withJwkSource((selector, context) -> {
            keyLookups.incrementAndGet();
            return keyTrusted.get() ? selector.select(published) : java.util.List.of();
        }).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        verifying.setJwtValidator(timestamps);
        tokens = new VerifiedTokens(verifying, timestamps, kid -> keyTrusted.get() && kid.equals("key-1"));
    }

    @Test
    void aTokenUsedAgainIsNotVerifiedAgain() throws JOSEException {
        String token = token("client-a", NOW.plus(Duration.ofHours(1)));

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("client-a");
        assertThat(keyLookups).hasValue(1);
    }

    @Test
    void eachTokenIsVerifiedOnItsOwn() throws JOSEException {
        String a = token("client-a", NOW.plus(Duration.ofHours(1)));
        String b = token("client-b", NOW.plus(Duration.ofHours(1)));

        assertThat(tokens.decode(a).getSubject()).isEqualTo("client-a");
        assertThat(tokens.decode(b).getSubject()).isEqualTo("client-b");
        assertThat(tokens.decode(a).getSubject()).isEqualTo("client-a");
        assertThat(keyLookups).hasValue(2);
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void aRememberedTokenThatHasExpiredSinceIsRefusedAsAFreshCheckWouldRefuseIt() throws JOSEException {
        String token = token("client-a", NOW.plus(Duration.ofMinutes(5)));
        tokens.decode(token);

        clock.advance(Duration.ofMinutes(6));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenWhoseKeyIsNoLongerTrustedIsCheckedFromScratchAndRefused() throws JOSEException {
        String token = token("client-a", NOW.plus(Duration.ofHours(1)));
        tokens.decode(token);

        keyTrusted.set(false);

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(keyLookups).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsStillRefused() throws JOSEException {
        String token = token("client-a", NOW.plus(Duration.ofHours(1)));
        tokens.decode(token);
        String[] parts = token.split("\\.");
        String otherPayload = token("client-b", NOW.plus(Duration.ofHours(1))).split("\\.")[1];
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];

        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(tokens.decode(token).getSubject()).isEqualTo("client-a");
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        assertThatThrownBy(() -> tokens.decode("not-a-token")).isInstanceOf(JwtException.class);
        assertThat(tokens.size()).isZero();
    }

    private String token(String subject, Instant expiresAt) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(NOW))
                        .expirationTime(Date.from(expiresAt)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
