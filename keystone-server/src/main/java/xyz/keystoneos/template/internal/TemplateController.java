package xyz.keystoneos.template.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.idempotency.Idempotency;
import xyz.keystoneos.shared.idempotency.IdempotencyKeys;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.SettlementTemplates;

/**
 * {@code /v1/settlement-templates}: platforms read templates ({@code templates:read}); operators create and change
 * them ({@code templates:write}).
 */
@RestController
@RequestMapping("/v1/settlement-templates")
class TemplateController {

    static final String CREATE_OPERATION = "settlement_templates.create";

    private final SettlementTemplates templates;
    private final TemplateRepository repository;
    private final TemplateCommands commands;
    private final Idempotency idempotency;

    TemplateController(SettlementTemplates templates, TemplateRepository repository, TemplateCommands commands,
            Idempotency idempotency) {
        this.templates = templates;
        this.repository = repository;
        this.commands = commands;
        this.idempotency = idempotency;
    }

    /** Templates ordered by creation, optionally only active or inactive ones. */
    @GetMapping
    @RequiresScope(Scopes.TEMPLATES_READ)
    Page<SettlementTemplate> list(@RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "is_active", required = false) Boolean isActive) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        UUID after = startingAfter == null ? null : cursor(startingAfter);
        List<SettlementTemplate> items = repository.list(isActive, after, query.limit(), query.offset());
        return Page.of(items, repository.count(isActive), query);
    }

    @GetMapping("/{id_or_slug}")
    @RequiresScope(Scopes.TEMPLATES_READ)
    SettlementTemplate get(@PathVariable("id_or_slug") String idOrSlug) {
        return templates.findByIdOrSlug(idOrSlug).orElseThrow(() -> TemplateNotFound.of(idOrSlug));
    }

    /** 201 with the new template; with an idempotency key, a repeat of the same request answers 200. */
    @PostMapping
    @RequiresScope(Scopes.TEMPLATES_WRITE)
    ResponseEntity<SettlementTemplate> create(@RequestBody CreateTemplateRequest request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String headerKey, Caller caller) {
        String key = IdempotencyKeys.resolve(request.idempotencyKey(), headerKey, false);
        request.check();
        if (key == null) {
            return ResponseEntity.status(HttpStatus.CREATED).body(commands.create(request));
        }
        return idempotency.execute("client:" + caller.clientId(), CREATE_OPERATION, key, request,
                () -> {
                    SettlementTemplate created = commands.create(request);
                    return new Idempotency.Created<>(created.id().toString(), created);
                },
                id -> templates.findById(UUID.fromString(id)))
                .toResponse();
    }

    /** Changes name, description, config (each makes a new version) or {@code is_active} (keeps the version). */
    @PatchMapping("/{id_or_slug}")
    @RequiresScope(Scopes.TEMPLATES_WRITE)
    SettlementTemplate update(@PathVariable("id_or_slug") String idOrSlug,
            @RequestBody UpdateTemplateRequest request) {
        request.check();
        return commands.update(idOrSlug, request);
    }

    private UUID cursor(String startingAfter) {
        if (SettlementTemplates.looksLikeId(startingAfter)) {
            UUID id = UUID.fromString(startingAfter);
            if (repository.exists(id)) {
                return id;
            }
        }
        throw ApiException.invalidFields(List.of(new FieldError("starting_after",
                "must be the id of a settlement template (the last item of the previous page)")));
    }
}
