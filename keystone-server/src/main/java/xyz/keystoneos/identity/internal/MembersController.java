package xyz.keystoneos.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.identity.MemberRole;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.identity.internal.Members.Invitation;
import xyz.keystoneos.identity.internal.Members.Member;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * The platform's members and invitations (SPEC §2). Listing takes {@code platform:read}; changes take
 * {@code platform:members:manage}, which only the {@code platform_manager} role holds. Nobody changes their own
 * role, and the last manager can be neither demoted nor removed.
 */
@RestController
@RequestMapping("/v1/platforms/me")
class MembersController {

    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    record RoleChange(String role) {
    }

    record NewInvitation(String email, String role) {
    }

    /** An invitation; {@code invitationUrl} only in the answer that creates it. */
    record InvitationView(UUID id, String email, String role, String invitedBy, Instant expiresAt, Instant createdAt,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String invitationUrl) {

        static InvitationView of(Invitation invitation, String url) {
            return new InvitationView(invitation.id(), invitation.email(), invitation.role(), invitation.invitedBy(),
                    invitation.expiresAt(), invitation.createdAt(), url);
        }
    }

    private final Members members;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final String dashboardBaseUrl;

    MembersController(Members members, TransactionTemplate transactions, ApplicationEventPublisher events,
            @org.springframework.beans.factory.annotation.Value("${keystone.dashboard.base-url:}")
            String dashboardBaseUrl) {
        this.dashboardBaseUrl = dashboardBaseUrl;
        this.members = members;
        this.transactions = transactions;
        this.events = events;
    }

    @GetMapping("/members")
    @RequiresScope({Scopes.PLATFORM_READ, MemberRole.MEMBERS_MANAGE})
    Page<Member> list(@RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, null);
        UUID platform = caller.requirePlatform();
        return Page.of(members.list(platform, query.limit(), query.offset()), members.count(platform), query);
    }

    @PatchMapping("/members/{user_id}")
    @RequiresScope(MemberRole.MEMBERS_MANAGE)
    Member changeRole(@PathVariable("user_id") UUID userId, @RequestBody RoleChange request, Caller caller) {
        UUID platform = caller.requirePlatform();
        MemberRole role = role(request.role());
        if (("user:" + userId).equals(caller.clientId())) {
            throw ApiException.forbidden("cannot_change_own_role", "Nobody changes their own role; ask another manager");
        }
        return transactions.execute(status -> {
            List<String> roles = members.lockRoles(platform);
            Member member = members.find(userId, platform).orElseThrow(() -> notFound(userId));
            if (member.role().equals(MemberRole.PLATFORM_MANAGER.wire()) && role != MemberRole.PLATFORM_MANAGER
                    && managers(roles) <= 1) {
                throw lastManager();
            }
            members.setRole(userId, role.wire());
            events.publishEvent(new IdentityActivity.CredentialChanged("member.role_changed", userId.toString(),
                    platform, null, caller.actor(), Instant.now()));
            return members.find(userId, platform).orElseThrow();
        });
    }

    @DeleteMapping("/members/{user_id}")
    @RequiresScope(MemberRole.MEMBERS_MANAGE)
    ResponseEntity<Void> remove(@PathVariable("user_id") UUID userId, Caller caller) {
        UUID platform = caller.requirePlatform();
        transactions.executeWithoutResult(status -> {
            List<String> roles = members.lockRoles(platform);
            Member member = members.find(userId, platform).orElseThrow(() -> notFound(userId));
            if (member.role().equals(MemberRole.PLATFORM_MANAGER.wire()) && managers(roles) <= 1) {
                throw lastManager();
            }
            members.remove(userId);
            events.publishEvent(new IdentityActivity.CredentialChanged("member.removed", userId.toString(), platform,
                    null, caller.actor(), Instant.now()));
        });
        return ResponseEntity.noContent().build();
    }

    /** 201 with the {@code invitation_url} to hand to the invitee (shown once; no e-mail is sent). */
    @PostMapping("/invitations")
    @RequiresScope(MemberRole.MEMBERS_MANAGE)
    ResponseEntity<InvitationView> invite(@RequestBody NewInvitation request, Caller caller) {
        UUID platform = caller.requirePlatform();
        String email = Members.normalise(request.email());
        if (email == null || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") || email.length() > 254) {
            throw ApiException.invalidFields(List.of(new FieldError("email", "must be an e-mail address")));
        }
        MemberRole role = role(request.role());
        if (members.emailTaken(email)) {
            throw ApiException.conflict("email_taken", "An account with this e-mail address exists already");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Invitation invitation = transactions.execute(status -> {
            members.insertInvitation(id, platform, email, role.wire(), hash(token), caller.actor(),
                    Instant.now().plus(INVITATION_LIFETIME));
            events.publishEvent(new IdentityActivity.CredentialChanged("invitation.created", id.toString(), platform,
                    null, caller.actor(), Instant.now()));
            return members.findInvitation(id, platform).orElseThrow();
        });
        String url = invitationBase().path("/invitations/{token}").buildAndExpand(token).toUriString();
        return ResponseEntity.status(HttpStatus.CREATED).body(InvitationView.of(invitation, url));
    }

    record Invitations(List<InvitationView> items, long total) {
    }

    /** Pending invitations (not accepted, revoked or expired). */
    @GetMapping("/invitations")
    @RequiresScope(MemberRole.MEMBERS_MANAGE)
    Invitations invitations(Caller caller) {
        List<InvitationView> pending = members.pendingInvitations(caller.requirePlatform()).stream()
                .map(i -> InvitationView.of(i, null)).toList();
        return new Invitations(pending, pending.size());
    }

    @DeleteMapping("/invitations/{id}")
    @RequiresScope(MemberRole.MEMBERS_MANAGE)
    ResponseEntity<Void> revokeInvitation(@PathVariable("id") UUID id, Caller caller) {
        UUID platform = caller.requirePlatform();
        members.findInvitation(id, platform).orElseThrow(() -> ApiException.notFound("invitation_not_found",
                "No invitation " + id + " in your platform"));
        members.revokeInvitation(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * The public dashboard URL when one is configured ({@code keystone.dashboard.base-url}, not a loopback
     * address); otherwise the address this request came to (development, tests).
     */
    private org.springframework.web.util.UriComponentsBuilder invitationBase() {
        if (dashboardBaseUrl != null && !dashboardBaseUrl.isBlank()) {
            java.net.URI base = java.net.URI.create(dashboardBaseUrl.strip());
            String host = base.getHost();
            boolean loopback = host == null || host.equals("127.0.0.1") || host.equals("localhost")
                    || host.equals("[::1]") || host.equals("::1");
            if (!loopback) {
                return org.springframework.web.util.UriComponentsBuilder.fromUri(base);
            }
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long managers(List<String> roles) {
        return roles.stream().filter(MemberRole.PLATFORM_MANAGER.wire()::equals).count();
    }

    private static MemberRole role(String wire) {
        return MemberRole.fromWire(wire).orElseThrow(() -> ApiException.invalidFields(List.of(new FieldError("role",
                "must be one of platform_manager, developer, operations, viewer"))));
    }

    private static ApiException notFound(UUID userId) {
        return ApiException.notFound("member_not_found", "No member " + userId + " in your platform");
    }

    private static ApiException lastManager() {
        return ApiException.conflict("last_manager", "A platform keeps at least one platform_manager");
    }
}
