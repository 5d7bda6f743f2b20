package xyz.keystoneos.activity;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One entry of the activity log as the API shows it.
 *
 * @param actor        who acted: {@code m2m:<client_id>}, {@code operator:<client_id>}, {@code session:<id>} …
 * @param actorKind    the part of {@code actor} before the colon
 * @param type         what happened, e.g. {@code settlement.created}, {@code webhook_endpoint.updated}, {@code login}
 * @param category     the area: {@code settlements}, {@code instructions}, {@code webhooks}, {@code credentials} …
 * @param resourceType the kind of object acted on, e.g. {@code settlement}; {@code null} when there is none
 * @param resourceId   its id; {@code null} when unknown
 * @param method       the HTTP method of the call; {@code null} for entries that did not come from an API call
 * @param path         the request path (without query string)
 * @param statusCode   the HTTP status the call answered
 */
public record ActivityEntry(UUID id, Instant occurredAt, UUID platformId, UUID environmentId, String actor,
        String actorKind, String type, String category, String resourceType, String resourceId, String method,
        String path, Integer statusCode, String requestId, String ipAddress, JsonNode details) {
}
