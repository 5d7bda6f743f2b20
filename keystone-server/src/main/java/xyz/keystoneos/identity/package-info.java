/**
 * Identity and access: platforms, environments, M2M clients, operators, the built-in OAuth2 issuer
 * ({@code /oauth/token}, JWKS, discovery) and the resource-server side that turns a bearer token into a
 * {@link xyz.keystoneos.identity.Caller} with scopes checked per endpoint ({@link xyz.keystoneos.identity.RequiresScope}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package xyz.keystoneos.identity;
