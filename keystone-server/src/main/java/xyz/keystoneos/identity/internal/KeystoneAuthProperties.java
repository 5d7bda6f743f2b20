package xyz.keystoneos.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param audience the only {@code audience} the issuer accepts and the API trusts in tokens
 * @param issuer   public URL of the issuer; blank means "derive from the request" (single-node development)
 */
@ConfigurationProperties("keystone.auth")
public record KeystoneAuthProperties(String audience, String issuer) {

    public boolean hasFixedIssuer() {
        return issuer != null && !issuer.isBlank();
    }
}
