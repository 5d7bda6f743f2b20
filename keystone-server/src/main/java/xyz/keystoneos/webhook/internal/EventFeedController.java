package xyz.keystoneos.webhook.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.PageQuery;
import xyz.keystoneos.webhook.EventTypes;

/**
 * {@code GET /v1/events}: the pull alternative to webhooks. The caller environment's events, oldest first, with the
 * same payloads the webhooks carry; paged by cursor ({@code starting_after} = the last event id seen), answering
 * {@code {items, has_more, next_cursor}} rather than {@code total}/{@code offset}.
 */
@RestController
class EventFeedController {

    private final EventFeed feed;
    private final JsonMapper json;

    EventFeedController(EventFeed feed, JsonMapper jsonMapper) {
        this.feed = feed;
        this.json = jsonMapper;
    }

    @GetMapping("/v1/events")
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.WEBHOOKS_MANAGE})
    WebhookViews.EventPage events(@RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "limit", required = false) Integer limit, Caller caller) {
        PageQuery query = PageQuery.of(limit, null, startingAfter);
        if (type != null && !EventTypes.isValidPattern(type)) {
            throw ApiException.invalidFields(List.of(new FieldError("type", WebhookRequests.unknownPattern(type))));
        }
        UUID environment = caller.requireEnvironment();
        if (startingAfter != null && !feed.exists(environment, startingAfter)) {
            throw ApiException.invalidFields(List.of(new FieldError("starting_after",
                    "must be the id (evt_…) of an event of your environment (the next_cursor of the previous page)")));
        }
        List<String> rows = feed.page(environment, startingAfter, type, query.limit() + 1);
        boolean hasMore = rows.size() > query.limit();
        List<JsonNode> items = rows.stream().limit(query.limit()).map(json::readTree).toList();
        String nextCursor = items.isEmpty() ? null : items.getLast().get("id").asString();
        return new WebhookViews.EventPage(items, hasMore, nextCursor);
    }
}
