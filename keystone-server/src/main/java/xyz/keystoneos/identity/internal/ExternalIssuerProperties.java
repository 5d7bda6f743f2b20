package xyz.keystoneos.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An external OIDC issuer (Auth0, Keycloak …) whose user tokens the API accepts beside the built-in issuer's
 * (SPEC §3). Off unless {@code issuer} and {@code jwks-uri} are set. A token from it names the person by
 * {@code email-claim}, their platform by {@code organisation-claim} (the platform's id or slug) and carries
 * {@code permissions-claim}; the person must be a member of that platform in KeyStone, and gets the permissions
 * both the token and their KeyStone role grant.
 *
 * @param issuer             the issuer's {@code iss}, e.g. {@code https://keystone.eu.auth0.com/}
 * @param jwksUri            its JWKS, e.g. {@code https://keystone.eu.auth0.com/.well-known/jwks.json}
 * @param emailClaim         default {@code email}
 * @param organisationClaim  default {@code org_id}
 * @param permissionsClaim   default {@code permissions} (Auth0 RBAC)
 */
@ConfigurationProperties("keystone.auth.external")
record ExternalIssuerProperties(String issuer, String jwksUri, String emailClaim, String organisationClaim,
        String permissionsClaim) {

    ExternalIssuerProperties {
        emailClaim = blank(emailClaim) ? "email" : emailClaim;
        organisationClaim = blank(organisationClaim) ? "org_id" : organisationClaim;
        permissionsClaim = blank(permissionsClaim) ? "permissions" : permissionsClaim;
    }

    boolean enabled() {
        return !blank(issuer) && !blank(jwksUri);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
