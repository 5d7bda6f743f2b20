package xyz.keystoneos.identity.internal;

import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Mints session tokens: RS256 JWTs signed with the issuer's current key, like M2M tokens, but with
 * {@code client_kind: session} and a {@code session_id} claim that {@link CallerResolutionFilter} checks against
 * the {@code sessions} row on every request.
 */
@Component
class SessionTokens {

    static final String KIND = "session";
    static final String SESSION_ID = "session_id";

    private final NimbusJwtEncoder encoder;
    private final SigningKeys signingKeys;
    private final KeystoneAuthProperties properties;

    SessionTokens(SigningKeys signingKeys, KeystoneAuthProperties properties) {
        this.encoder = new NimbusJwtEncoder(signingKeys);
        this.signingKeys = signingKeys;
        this.properties = properties;
    }

    String mint(Sessions.Session session) {
        String issuer = properties.hasFixedIssuer() ? properties.issuer()
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(KIND + ":" + session.id())
                .audience(List.of(properties.audience()))
                .issuedAt(session.createdAt())
                .notBefore(session.createdAt())
                .expiresAt(session.expiresAt())
                .id(java.util.UUID.randomUUID().toString())
                .claim("scope", String.join(" ", session.scopes()))
                .claim(ClientCredentialsTokenClaims.CLIENT_KIND, KIND)
                .claim(SESSION_ID, session.id().toString())
                .claim(ClientCredentialsTokenClaims.PLATFORM_ID, session.platformId().toString())
                .claim(ClientCredentialsTokenClaims.ENVIRONMENT_ID, session.environmentId().toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(signingKeys.signingKeyId()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
