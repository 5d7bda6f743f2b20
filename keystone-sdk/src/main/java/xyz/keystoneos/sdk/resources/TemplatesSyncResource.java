package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.util.Objects;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.SettlementTemplate;

/**
 * {@code /v1/settlement-templates}, blocking: see {@link TemplatesResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#templates()}.
 */
public final class TemplatesSyncResource {

    private final TemplatesResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#templates()}).
     *
     * @param async the asynchronous resource
     */
    public TemplatesSyncResource(TemplatesResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Returns the first page of templates.
     *
     * @return the page
     */
    public Page<SettlementTemplate> list() {
        return await(async.list());
    }

    /**
     * Returns a page of templates.
     *
     * @param isActive only active or inactive templates, or {@code null} for all
     * @param page     paging
     * @return the page
     */
    public Page<SettlementTemplate> list(Boolean isActive, PageParams page) {
        return await(async.list(isActive, page));
    }

    /**
     * Returns every template, fetching pages lazily while you iterate.
     *
     * @param isActive only active or inactive templates, or {@code null} for all
     * @param page     the page size
     * @return the iterable
     */
    public AutoPagingIterable<SettlementTemplate> listAutoPaging(Boolean isActive, PageParams page) {
        return async.listAutoPaging(isActive, page);
    }

    /**
     * Returns a template by id or slug.
     *
     * @param idOrSlug for example {@code dvp-standard}
     * @return the template
     */
    public SettlementTemplate get(String idOrSlug) {
        return await(async.get(idOrSlug));
    }
}
