package xyz.keystoneos.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import xyz.keystoneos.apidocs.OpenApiConfiguration.Schemas;

/**
 * The endpoints Spring Security's authorization server serves from filters, which springdoc cannot see:
 * {@code POST /oauth/token}, {@code GET /.well-known/jwks.json} and {@code GET /.well-known/openid-configuration}.
 * Kept in step with identity's TokenRequestFilter, TokenResponses and TokenErrorResponses (docs/api.md).
 */
final class HandWrittenPaths {

    private HandWrittenPaths() {
    }

    static void addTo(OpenAPI openApi) {
        openApi.getPaths().addPathItem("/oauth/token", new PathItem().post(token()));
        openApi.getPaths().addPathItem("/.well-known/jwks.json", new PathItem().get(new Operation()
                .operationId("well_known.jwks")
                .tags(List.of("Auth"))
                .summary("The public keys that sign access tokens (JWK Set, RFC 7517)")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("JWK Set")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(jwkSet())))))));
        openApi.getPaths().addPathItem("/.well-known/openid-configuration", new PathItem().get(new Operation()
                .operationId("well_known.openid_configuration")
                .tags(List.of("Auth"))
                .summary("OpenID Connect discovery document of the built-in issuer")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse()
                        .description("Discovery metadata (issuer, token_endpoint, jwks_uri, …)")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(Schemas.object().additionalProperties(true))))))));
    }

    private static Operation token() {
        Schema<Object> body = Schemas.ref("TokenRequest");
        return new Operation()
                .operationId("oauth.token")
                .tags(List.of("Auth"))
                .summary("Get an access token (OAuth2 client credentials)")
                .description("Auth0-compatible: a JSON body or the standard form body; the client secret may also "
                        + "come as HTTP Basic client authentication. Without `scope` the token carries every scope "
                        + "the client holds. Errors are problem documents that are also RFC 6749 error responses "
                        + "(`error`, `error_description`).")
                .requestBody(new RequestBody().required(true).content(new Content()
                        .addMediaType("application/json", new MediaType().schema(body))
                        .addMediaType("application/x-www-form-urlencoded", new MediaType().schema(body))))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("An access token")
                                .content(new Content().addMediaType("application/json",
                                        new MediaType().schema(Schemas.ref("TokenResponse")))))
                        .addApiResponse("400", tokenError("invalid_request, unsupported_grant_type, invalid_scope"))
                        .addApiResponse("401", tokenError("invalid_client (unknown client, wrong secret, revoked), "
                                + "environment_inactive"))
                        .addApiResponse("403", tokenError("invalid_audience, platform_suspended"))
                        .addApiResponse("415", tokenError("unsupported_media_type: neither JSON nor form"))
                        .addApiResponse("429", new ApiResponse().$ref("#/components/responses/TooManyRequests")));
    }

    private static ApiResponse tokenError(String codes) {
        return new ApiResponse().description(codes).content(new Content().addMediaType(
                ApiOperations.PROBLEM_JSON, new MediaType().schema(Schemas.ref("Problem"))));
    }

    static Schema<Object> tokenRequest() {
        Schema<Object> schema = Schemas.object().description("Client credentials grant (JSON or form)");
        schema.addProperty("grant_type", Schemas.string("Always client_credentials")
                ._enum(List.<Object>of("client_credentials")));
        schema.addProperty("client_id", Schemas.string("ksc_…; or use HTTP Basic"));
        schema.addProperty("client_secret", Schemas.string("kss_…; or use HTTP Basic"));
        schema.addProperty("audience", Schemas.string("Must equal the API's audience (default "
                + "https://api.keystoneos.xyz) when given"));
        schema.addProperty("scope", Schemas.string("Space-separated subset of the client's scopes"));
        schema.required(List.of("grant_type"));
        return schema;
    }

    static Schema<Object> tokenResponse() {
        Schema<Object> schema = Schemas.object();
        schema.addProperty("access_token", Schemas.string("RS256 JWT"));
        schema.addProperty("token_type", Schemas.string("Always Bearer")._enum(List.<Object>of("Bearer")));
        schema.addProperty("expires_in", Schemas.of("integer").description("Seconds (86400)"));
        schema.addProperty("scope", Schemas.string("Space-separated scopes the token carries"));
        schema.required(List.of("access_token", "token_type", "expires_in", "scope"));
        return schema;
    }

    private static Schema<Object> jwkSet() {
        Schema<Object> keys = Schemas.of("array");
        keys.setItems(Schemas.object().additionalProperties(true));
        Schema<Object> schema = Schemas.object();
        schema.addProperty("keys", keys);
        schema.required(List.of("keys"));
        return schema;
    }
}
