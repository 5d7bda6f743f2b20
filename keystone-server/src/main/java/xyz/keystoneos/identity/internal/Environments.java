package xyz.keystoneos.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/** SQL for a platform's environments as the environments API manages them. */
@Repository
class Environments {

    /** An environment as the API shows it (SPEC §2). */
    record Environment(UUID id, UUID platformId, String name, String slug, String kind, String apiVersion,
            int defaultTimeoutSeconds, int rateLimitRpm, String webhookUrl, boolean isActive, Instant createdAt,
            Instant updatedAt) {
    }

    private static final String COLUMNS = """
            id, platform_id, name, slug, kind, api_version, default_timeout_seconds, rate_limit_rpm, webhook_url,
            is_active, created_at, updated_at""";

    private final JdbcClient jdbc;

    Environments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Environment create(UUID platformId, EnvironmentRequests.CreateEnvironment request) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into environments (id, platform_id, name, slug, kind, api_version, default_timeout_seconds,
                                              rate_limit_rpm, webhook_url)
                    values (:id, :platform, :name, :slug, :kind, :version, :timeout, :rpm, :webhook)""")
                    .param("id", id).param("platform", platformId).param("name", request.name().strip())
                    .param("slug", request.slug()).param("kind", request.kind())
                    .param("version", PlatformOnboarding.CURRENT_API_VERSION)
                    .param("timeout", request.defaultTimeoutSeconds() == null
                            ? EnvironmentRequests.DEFAULT_TIMEOUT_SECONDS : request.defaultTimeoutSeconds())
                    .param("rpm", request.rateLimitRpm() == null
                            ? EnvironmentRequests.DEFAULT_RATE_LIMIT_RPM : request.rateLimitRpm())
                    .param("webhook", blankToNull(request.webhookUrl())).update();
        } catch (DuplicateKeyException e) {
            throw slugTaken(request.slug());
        }
        return find(id, platformId).orElseThrow();
    }

    Optional<Environment> find(UUID id, UUID platformId) {
        return jdbc.sql("select " + COLUMNS + " from environments where id = :id and platform_id = :platform")
                .param("id", id).param("platform", platformId).query(Environments::environment).optional();
    }

    /** The environment with this id (or slug) in the platform, else 404 {@code environment_not_found}. */
    Environment require(String idOrSlug, UUID platformId) {
        Optional<Environment> found;
        try {
            found = find(UUID.fromString(idOrSlug), platformId);
        } catch (IllegalArgumentException notAUuid) {
            found = jdbc.sql("select " + COLUMNS + " from environments where slug = :slug and platform_id = :platform")
                    .param("slug", idOrSlug).param("platform", platformId).query(Environments::environment)
                    .optional();
        }
        return found.orElseThrow(() -> ApiException.notFound("environment_not_found",
                "No environment " + idOrSlug + " in your platform"));
    }

    List<Environment> list(UUID platformId, UUID after, int limit, int offset) {
        String cursor = after == null ? ""
                : " and (created_at, id) > (select created_at, id from environments where id = :after)";
        var query = jdbc.sql("select " + COLUMNS + " from environments where platform_id = :platform" + cursor
                        + " order by created_at, id limit :limit offset :offset")
                .param("platform", platformId).param("limit", limit).param("offset", offset);
        return (after == null ? query : query.param("after", after)).query(Environments::environment).list();
    }

    long count(UUID platformId) {
        return jdbc.sql("select count(*) from environments where platform_id = :platform")
                .param("platform", platformId).query(Long.class).single();
    }

    /** Applies the present fields of a PATCH under the row lock. */
    Environment update(Environment current, EnvironmentRequests.UpdateEnvironment request) {
        jdbc.sql("""
                update environments set name = :name, default_timeout_seconds = :timeout, rate_limit_rpm = :rpm,
                       webhook_url = :webhook, api_version = :version, updated_at = now()
                where id = :id""")
                .param("id", current.id())
                .param("name", request.name() == null ? current.name() : request.name().strip())
                .param("timeout", request.defaultTimeoutSeconds() == null
                        ? current.defaultTimeoutSeconds() : request.defaultTimeoutSeconds())
                .param("rpm", request.rateLimitRpm() == null ? current.rateLimitRpm() : request.rateLimitRpm())
                .param("webhook", request.webhookUrl() == null ? current.webhookUrl() : blankToNull(request.webhookUrl()))
                .param("version", request.apiVersion() == null ? current.apiVersion() : request.apiVersion())
                .update();
        return find(current.id(), current.platformId()).orElseThrow();
    }

    Optional<Environment> lock(UUID id, UUID platformId) {
        return jdbc.sql("select " + COLUMNS + " from environments where id = :id and platform_id = :platform"
                        + " for no key update")
                .param("id", id).param("platform", platformId).query(Environments::environment).optional();
    }

    void setActive(UUID id, boolean active) {
        jdbc.sql("update environments set is_active = :active, updated_at = now() where id = :id")
                .param("active", active).param("id", id).update();
    }

    static ApiException slugTaken(String slug) {
        return new ApiException(org.springframework.http.HttpStatus.CONFLICT, "environment_slug_taken",
                "Your platform already has an environment with slug " + slug,
                List.of(new FieldError("slug", "is already used by another environment")));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Environment environment(ResultSet rs, int row) throws SQLException {
        return new Environment(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getString("name"), rs.getString("slug"), rs.getString("kind"), rs.getString("api_version"),
                rs.getInt("default_timeout_seconds"), rs.getInt("rate_limit_rpm"), rs.getString("webhook_url"),
                rs.getBoolean("is_active"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
