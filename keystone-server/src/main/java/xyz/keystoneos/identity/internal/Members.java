package xyz.keystoneos.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for users, their memberships, invitations and failed logins. */
@Repository
public class Members {

    /** A member as the API shows it. */
    public record Member(UUID userId, String email, String name, String role, Instant createdAt) {
    }

    /** A login account: a platform member or an operator. */
    public record Account(UUID id, String kind, String email, String name, String passwordHash, UUID platformId,
            String role, String platformStatus) {

        /** The principal name carried as the token's {@code sub}: {@code user:<id>} or {@code operator:<id>}. */
        public String principal() {
            return kind + ":" + id;
        }
    }

    public record Invitation(UUID id, UUID platformId, String email, String role, String invitedBy, Instant expiresAt,
            Instant acceptedAt, Instant revokedAt, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public void insertUser(UUID id, String email, String name, String passwordHash) {
        jdbc.sql("insert into users (id, email, name, password_hash) values (:id, :email, :name, :hash)")
                .param("id", id).param("email", normalise(email)).param("name", name).param("hash", passwordHash)
                .update();
    }

    public void insertMembership(UUID userId, UUID platformId, String role) {
        jdbc.sql("insert into memberships (user_id, platform_id, role) values (:user, :platform, :role)")
                .param("user", userId).param("platform", platformId).param("role", role).update();
    }

    public boolean emailTaken(String email) {
        String normalised = normalise(email);
        return jdbc.sql("select exists (select 1 from users where email = :e) or exists (select 1 from operators where lower(email) = :e)")
                .param("e", normalised).query(Boolean.class).single();
    }

    /** The account behind an e-mail address: a member first, else an operator. */
    public Optional<Account> findAccountByEmail(String email) {
        String normalised = normalise(email);
        Optional<Account> member = jdbc.sql("""
                select u.id, u.email, u.name, u.password_hash, m.platform_id, m.role, p.status
                from users u join memberships m on m.user_id = u.id join platforms p on p.id = m.platform_id
                where u.email = :email""")
                .param("email", normalised).query(Members::member).optional();
        if (member.isPresent()) {
            return member;
        }
        return jdbc.sql("select id, email, name, password_hash from operators where lower(email) = :email")
                .param("email", normalised).query(Members::operator).optional();
    }

    /** The account behind a principal name ({@code user:<id>} or {@code operator:<id>}). */
    public Optional<Account> findAccount(String principal) {
        if (principal == null) {
            return Optional.empty();
        }
        try {
            if (principal.startsWith("user:")) {
                return jdbc.sql("""
                        select u.id, u.email, u.name, u.password_hash, m.platform_id, m.role, p.status
                        from users u join memberships m on m.user_id = u.id join platforms p on p.id = m.platform_id
                        where u.id = :id""")
                        .param("id", UUID.fromString(principal.substring(5))).query(Members::member).optional();
            }
            if (principal.startsWith("operator:")) {
                return jdbc.sql("select id, email, name, password_hash from operators where id = :id")
                        .param("id", UUID.fromString(principal.substring(9))).query(Members::operator).optional();
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    List<Member> list(UUID platformId, int limit, int offset) {
        return jdbc.sql("""
                select u.id, u.email, u.name, m.role, m.created_at from memberships m join users u on u.id = m.user_id
                where m.platform_id = :platform order by m.created_at, u.id limit :limit offset :offset""")
                .param("platform", platformId).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Member(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("name"), rs.getString("role"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    long count(UUID platformId) {
        return jdbc.sql("select count(*) from memberships where platform_id = :platform").param("platform", platformId)
                .query(Long.class).single();
    }

    Optional<Member> find(UUID userId, UUID platformId) {
        return jdbc.sql("""
                select u.id, u.email, u.name, m.role, m.created_at from memberships m join users u on u.id = m.user_id
                where m.platform_id = :platform and u.id = :user""")
                .param("platform", platformId).param("user", userId)
                .query((rs, row) -> new Member(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("name"), rs.getString("role"), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** Locks the platform's memberships (in id order) so that "the last manager" checks cannot race. */
    List<String> lockRoles(UUID platformId) {
        return jdbc.sql("select role from memberships where platform_id = :platform order by user_id for update")
                .param("platform", platformId).query(String.class).list();
    }

    void setRole(UUID userId, String role) {
        jdbc.sql("update memberships set role = :role, updated_at = now() where user_id = :user")
                .param("role", role).param("user", userId).update();
    }

    void remove(UUID userId) {
        jdbc.sql("delete from users where id = :user").param("user", userId).update();
    }

    void insertInvitation(UUID id, UUID platformId, String email, String role, String tokenHash, String invitedBy,
            Instant expiresAt) {
        jdbc.sql("""
                insert into invitations (id, platform_id, email, role, token_hash, invited_by, expires_at)
                values (:id, :platform, :email, :role, :hash, :by, :expires)""")
                .param("id", id).param("platform", platformId).param("email", normalise(email)).param("role", role)
                .param("hash", tokenHash).param("by", invitedBy).param("expires", Timestamp.from(expiresAt)).update();
    }

    List<Invitation> pendingInvitations(UUID platformId) {
        return jdbc.sql("""
                select * from invitations where platform_id = :platform and accepted_at is null and revoked_at is null
                  and expires_at > now() order by created_at, id""")
                .param("platform", platformId).query(Members::invitation).list();
    }

    Optional<Invitation> findInvitation(UUID id, UUID platformId) {
        return jdbc.sql("select * from invitations where id = :id and platform_id = :platform")
                .param("id", id).param("platform", platformId).query(Members::invitation).optional();
    }

    Optional<Invitation> findInvitationByTokenHash(String tokenHash) {
        return jdbc.sql("select * from invitations where token_hash = :hash")
                .param("hash", tokenHash).query(Members::invitation).optional();
    }

    Optional<Invitation> lockInvitationByTokenHash(String tokenHash) {
        return jdbc.sql("select * from invitations where token_hash = :hash for update")
                .param("hash", tokenHash).query(Members::invitation).optional();
    }

    void revokeInvitation(UUID id) {
        jdbc.sql("update invitations set revoked_at = now() where id = :id and revoked_at is null").param("id", id)
                .update();
    }

    void acceptInvitation(UUID id) {
        jdbc.sql("update invitations set accepted_at = now() where id = :id").param("id", id).update();
    }

    /** When the address is locked out: the end of the lock, if one is in force now. */
    public Optional<Instant> lockedUntil(String email) {
        return jdbc.sql("select locked_until from login_failures where email = :email and locked_until > now()")
                .param("email", normalise(email)).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Counts a failed login; the {@code limit}-th failure in a row locks the address until {@code lockUntil}. */
    public void recordFailure(String email, int limit, Instant lockUntil) {
        jdbc.sql("""
                insert into login_failures (email, failures) values (:email, 1)
                on conflict (email) do update set
                    failures = case when login_failures.locked_until is not null and login_failures.locked_until <= now()
                                    then 1 else login_failures.failures + 1 end,
                    locked_until = case when login_failures.locked_until is not null and login_failures.locked_until <= now()
                                        then null else login_failures.locked_until end,
                    updated_at = now()""")
                .param("email", normalise(email)).update();
        jdbc.sql("""
                update login_failures set locked_until = :until
                where email = :email and failures >= :limit and locked_until is null""")
                .param("email", normalise(email)).param("limit", limit).param("until", Timestamp.from(lockUntil))
                .update();
    }

    public void clearFailures(String email) {
        jdbc.sql("delete from login_failures where email = :email").param("email", normalise(email)).update();
    }

    /** The platform's first active environment, the one a fresh login starts in. */
    public Optional<UUID> defaultEnvironment(UUID platformId) {
        return jdbc.sql("""
                select id from environments where platform_id = :platform and is_active order by created_at, id limit 1""")
                .param("platform", platformId).query(UUID.class).optional();
    }

    private static Account member(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), "user", rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getObject("platform_id", UUID.class), rs.getString("role"),
                rs.getString("status"));
    }

    private static Account operator(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), "operator", rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), null, null, null);
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getString("email"), rs.getString("role"), rs.getString("invited_by"),
                rs.getTimestamp("expires_at").toInstant(), instant(rs, "accepted_at"), instant(rs, "revoked_at"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
