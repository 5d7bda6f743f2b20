/**
 * The API's OpenAPI 3.1 document, generated from the controllers at {@code GET /v1/openapi.json} (no token needed)
 * and checked in as {@code docs/openapi.json}. Reads {@link xyz.keystoneos.identity.RequiresScope} for the scopes of
 * each operation; nothing depends on this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API docs")
package xyz.keystoneos.apidocs;
