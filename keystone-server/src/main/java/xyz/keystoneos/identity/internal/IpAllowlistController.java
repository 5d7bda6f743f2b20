package xyz.keystoneos.identity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.identity.internal.Environments.Environment;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/**
 * {@code /v1/platforms/me/environments/{id}/ip-allowlist} (SPEC §3): IPs and CIDR blocks allowed to call with the
 * environment's M2M and session tokens. No entries: every address is allowed; the first entry restricts at once
 * (every request reads the list). Adding an entry that would shut out the calling address itself is refused (409),
 * so nobody locks themselves out by accident.
 */
@RestController
@RequestMapping("/v1/platforms/me/environments/{environment_id}/ip-allowlist")
class IpAllowlistController {

    static final int MAX_ENTRIES = 500;

    record Entry(UUID id, String cidr, String description, String createdBy, Instant createdAt) {
    }

    record Entries(List<Entry> items, long total) {
    }

    /**
     * @param cidr        an IPv4/IPv6 address or CIDR block, e.g. {@code 203.0.113.7}, {@code 10.0.0.0/8},
     *                    {@code 2001:db8::/32}; stored as the network address and prefix
     * @param description optional, at most 200 characters
     */
    record NewEntry(String cidr, String description) {
    }

    private final Environments environments;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ClientAddresses addresses;
    private final ApplicationEventPublisher events;

    IpAllowlistController(Environments environments, JdbcClient jdbc, TransactionTemplate transactions,
            ClientAddresses addresses, ApplicationEventPublisher events) {
        this.environments = environments;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.addresses = addresses;
        this.events = events;
    }

    @GetMapping
    @RequiresScope({Scopes.PLATFORM_READ, Scopes.ENVIRONMENTS_MANAGE})
    Entries list(@PathVariable("environment_id") String environmentId, Caller caller) {
        List<Entry> entries = entries(environments.require(environmentId, caller.requirePlatform()).id());
        return new Entries(entries, entries.size());
    }

    @PostMapping
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    ResponseEntity<Entry> add(@PathVariable("environment_id") String environmentId, @RequestBody NewEntry request,
            Caller caller, jakarta.servlet.http.HttpServletRequest http) {
        Environment environment = environments.require(environmentId, caller.requirePlatform());
        List<FieldError> errors = new ArrayList<>();
        IpRange range = null;
        if (request.cidr() == null || request.cidr().isBlank()) {
            errors.add(new FieldError("cidr", "is required"));
        } else {
            range = IpRange.parse(request.cidr()).orElse(null);
            if (range == null) {
                errors.add(new FieldError("cidr",
                        "must be an IPv4 or IPv6 address, optionally with a /prefix (e.g. 10.0.0.0/8, 2001:db8::/32)"));
            }
        }
        if (request.description() != null && request.description().length() > 200) {
            errors.add(new FieldError("description", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        String cidr = range.canonical();
        String callerAddress = addresses.of(http);
        Entry entry = transactions.execute(status -> {
            environments.lock(environment.id(), environment.platformId()).orElseThrow();
            List<String> existing = entries(environment.id()).stream().map(Entry::cidr).toList();
            if (existing.size() >= MAX_ENTRIES) {
                throw ApiException.conflict("ip_allowlist_full",
                        "An environment's allowlist holds at most " + MAX_ENTRIES + " entries");
            }
            List<String> after = new ArrayList<>(existing);
            after.add(cidr);
            if (environment.id().equals(caller.environmentId()) && !ClientAddresses.allowed(callerAddress, after)) {
                throw ApiException.conflict("would_lock_out_caller", "This allowlist would refuse your own address "
                        + callerAddress + "; add an entry for it first");
            }
            UUID id = UUID.randomUUID();
            try {
                jdbc.sql("""
                        insert into ip_allowlist_entries (id, environment_id, cidr, description, created_by)
                        values (:id, :env, :cidr, :description, :by)""")
                        .param("id", id).param("env", environment.id()).param("cidr", cidr)
                        .param("description", request.description() == null || request.description().isBlank()
                                ? null : request.description().strip())
                        .param("by", caller.actor()).update();
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("ip_allowlist_entry_exists", cidr + " is already on the allowlist");
            }
            events.publishEvent(new IdentityActivity.CredentialChanged("ip_allowlist.entry_added", id.toString(),
                    environment.platformId(), environment.id(), caller.actor(), Instant.now()));
            return entries(environment.id()).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(entry);
    }

    /** 204. Removing the last entry lifts the restriction. */
    @DeleteMapping("/{entry_id}")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    ResponseEntity<Void> remove(@PathVariable("environment_id") String environmentId,
            @PathVariable("entry_id") UUID entryId, Caller caller) {
        Environment environment = environments.require(environmentId, caller.requirePlatform());
        transactions.executeWithoutResult(status -> {
            int removed = jdbc.sql("delete from ip_allowlist_entries where id = :id and environment_id = :env")
                    .param("id", entryId).param("env", environment.id()).update();
            if (removed == 0) {
                throw ApiException.notFound("ip_allowlist_entry_not_found",
                        "No allowlist entry " + entryId + " in this environment");
            }
            events.publishEvent(new IdentityActivity.CredentialChanged("ip_allowlist.entry_removed",
                    entryId.toString(), environment.platformId(), environment.id(), caller.actor(), Instant.now()));
        });
        return ResponseEntity.noContent().build();
    }

    private List<Entry> entries(UUID environmentId) {
        return jdbc.sql("""
                select id, cidr, description, created_by, created_at from ip_allowlist_entries
                where environment_id = :env order by created_at, id""")
                .param("env", environmentId)
                .query((rs, row) -> new Entry(rs.getObject("id", UUID.class), rs.getString("cidr"),
                        rs.getString("description"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
