package xyz.keystoneos.sdk.model;

/**
 * Filters and paging of a webhook endpoint's delivery log. Every filter is optional.
 *
 * @param status    only deliveries with this status, or {@code null}
 * @param eventType only deliveries of this exact event type, or {@code null}
 * @param page      paging
 */
public record DeliveryListParams(DeliveryStatus status, String eventType, PageParams page) {

    /** No filters, first page with the server's default size. */
    public static final DeliveryListParams ALL = new DeliveryListParams(null, null, null);

    /**
     * Creates parameters; {@code page} defaults to {@link PageParams#DEFAULT}.
     *
     * @param status    the status
     * @param eventType the event type
     * @param page      paging
     * @throws IllegalArgumentException if the status is {@code UNKNOWN} or the event type blank
     */
    public DeliveryListParams {
        Checks.known(status, "status");
        Checks.nonBlankOrNull(eventType, "eventType");
        page = page == null ? PageParams.DEFAULT : page;
    }

    /**
     * Returns a copy with other paging.
     *
     * @param page the paging
     * @return the copy
     */
    public DeliveryListParams withPage(PageParams page) {
        return new DeliveryListParams(status, eventType, page);
    }
}
