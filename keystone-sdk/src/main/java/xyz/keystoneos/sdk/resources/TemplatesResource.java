package xyz.keystoneos.sdk.resources;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.SettlementTemplate;

/**
 * {@code /v1/settlement-templates} (asynchronous, read-only): the workflow templates settlements follow. Obtain it
 * from {@link xyz.keystoneos.sdk.KeystoneClient#templates()}.
 */
public final class TemplatesResource {

    private static final String PATH = "/v1/settlement-templates";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#templates()}).
     *
     * @param transport the client's transport
     */
    public TemplatesResource(Transport transport) {
        this.transport = transport;
    }

    /**
     * Returns the first page of templates, oldest first.
     *
     * @return the page
     */
    public CompletableFuture<Page<SettlementTemplate>> list() {
        return list(null, PageParams.DEFAULT);
    }

    /**
     * Returns a page of templates, oldest first ({@code GET /v1/settlement-templates}).
     *
     * @param isActive only active ({@code true}) or inactive ({@code false}) templates, or {@code null} for all
     * @param page     paging
     * @return the page
     * @throws NullPointerException if {@code page} is {@code null}
     */
    public CompletableFuture<Page<SettlementTemplate>> list(Boolean isActive, PageParams page) {
        Objects.requireNonNull(page, "page must not be null");
        Query query = new Query().add("is_active", isActive).page(page);
        return transport.call(ApiRequest.get(PATH, query), Json.get().pageOf(SettlementTemplate.class));
    }

    /**
     * Returns every template, fetched page by page as you iterate (see {@link AutoPagingIterable}).
     *
     * @param isActive only active or inactive templates, or {@code null} for all
     * @param page     the page size (and first offset)
     * @return the lazily paging iterable
     * @throws NullPointerException if {@code page} is {@code null}
     */
    public AutoPagingIterable<SettlementTemplate> listAutoPaging(Boolean isActive, PageParams page) {
        Objects.requireNonNull(page, "page must not be null");
        return new AutoPagingIterable<>(after -> list(isActive, after == null ? page : page.after(after)),
                SettlementTemplate::id, page.offset() == null ? 0 : page.offset());
    }

    /**
     * Returns a template by id or slug ({@code GET /v1/settlement-templates/{id_or_slug}}).
     *
     * @param idOrSlug for example {@code dvp-standard}
     * @return the template
     * @throws NullPointerException     if {@code idOrSlug} is {@code null}
     * @throws IllegalArgumentException if {@code idOrSlug} is blank
     */
    public CompletableFuture<SettlementTemplate> get(String idOrSlug) {
        return transport.call(ApiRequest.get(PATH + "/" + ApiRequest.segment(idOrSlug, "idOrSlug"), null),
                Json.get().type(SettlementTemplate.class));
    }
}
