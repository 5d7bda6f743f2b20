package xyz.keystoneos.template.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.TemplateConfig;

/**
 * SQL for {@code settlement_templates} and {@code settlement_template_versions}. The config is stored as jsonb in
 * its normalised JSON form (defaults filled in).
 */
@Repository
public class TemplateRepository {

    private static final String COLUMNS =
            "id, slug, name, description, version, is_active, config::text as config, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TemplateRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<SettlementTemplate> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from settlement_templates where id = :id")
                .param("id", id).query(this::template).optional();
    }

    public Optional<SettlementTemplate> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from settlement_templates where slug = :slug")
                .param("slug", slug).query(this::template).optional();
    }

    /** The template with one version's name, description and config; {@code updated_at} is that version's time. */
    public Optional<SettlementTemplate> findVersion(UUID id, int version) {
        return jdbc.sql("""
                select t.id, t.slug, v.name, v.description, v.version, t.is_active, v.config::text as config,
                       t.created_at, v.created_at as updated_at
                from settlement_template_versions v
                join settlement_templates t on t.id = v.template_id
                where v.template_id = :id and v.version = :version""")
                .param("id", id).param("version", version).query(this::template).optional();
    }

    /** The template row, locked until the end of the current transaction. */
    Optional<SettlementTemplate> lockById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from settlement_templates where id = :id for update")
                .param("id", id).query(this::template).optional();
    }

    /** The template row, locked until the end of the current transaction. */
    Optional<SettlementTemplate> lockBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from settlement_templates where slug = :slug for update")
                .param("slug", slug).query(this::template).optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from settlement_templates where id = :id)")
                .param("id", id).query(Boolean.class).single();
    }

    /**
     * One page ordered by {@code created_at, id}.
     *
     * @param active filter on {@code is_active}; {@code null} for all
     * @param after  the id of an existing template to start after; {@code null} to start at {@code offset}
     */
    List<SettlementTemplate> list(Boolean active, UUID after, int limit, int offset) {
        String sql = "select " + COLUMNS + " from settlement_templates" + where(active, after)
                + " order by created_at, id limit :limit offset :offset";
        return jdbc.sql(sql).param("active", active).param("after", after).param("limit", limit)
                .param("offset", offset).query(this::template).list();
    }

    long count(Boolean active) {
        return jdbc.sql("select count(*) from settlement_templates" + where(active, null))
                .param("active", active).query(Long.class).single();
    }

    private static String where(Boolean active, UUID after) {
        StringBuilder where = new StringBuilder(" where true");
        if (active != null) {
            where.append(" and is_active = :active");
        }
        if (after != null) {
            where.append(" and (created_at, id) > (select c.created_at, c.id from settlement_templates c"
                    + " where c.id = :after)");
        }
        return where.toString();
    }

    /** Inserts version 1 of a new template; a taken slug surfaces as {@code DuplicateKeyException}. */
    void insert(UUID id, TemplateContent content, boolean active) {
        jdbc.sql("""
                insert into settlement_templates (id, slug, name, description, version, is_active, config)
                values (:id, :slug, :name, :description, 1, :active, cast(:config as jsonb))""")
                .param("id", id).param("slug", content.slug()).param("name", content.name())
                .param("description", content.description(), Types.VARCHAR).param("active", active)
                .param("config", json.writeValueAsString(content.config())).update();
    }

    /** Inserts version 1 of a new template unless its slug exists (safe when several nodes seed at once). */
    boolean insertIfSlugFree(UUID id, TemplateContent content) {
        return jdbc.sql("""
                insert into settlement_templates (id, slug, name, description, version, is_active, config)
                values (:id, :slug, :name, :description, 1, true, cast(:config as jsonb))
                on conflict (slug) do nothing""")
                .param("id", id).param("slug", content.slug()).param("name", content.name())
                .param("description", content.description(), Types.VARCHAR)
                .param("config", json.writeValueAsString(content.config())).update() == 1;
    }

    void insertVersion(UUID id, int version, TemplateContent content) {
        jdbc.sql("""
                insert into settlement_template_versions (template_id, version, name, description, config)
                values (:id, :version, :name, :description, cast(:config as jsonb))""")
                .param("id", id).param("version", version).param("name", content.name())
                .param("description", content.description(), Types.VARCHAR)
                .param("config", json.writeValueAsString(content.config())).update();
    }

    void update(UUID id, int version, TemplateContent content, boolean active) {
        jdbc.sql("""
                update settlement_templates
                set name = :name, description = :description, config = cast(:config as jsonb), version = :version,
                    is_active = :active, updated_at = now()
                where id = :id""")
                .param("name", content.name()).param("description", content.description(), Types.VARCHAR)
                .param("config", json.writeValueAsString(content.config())).param("version", version)
                .param("active", active).param("id", id).update();
    }

    private SettlementTemplate template(ResultSet rs, int row) throws SQLException {
        return new SettlementTemplate(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                rs.getString("description"), rs.getInt("version"), rs.getBoolean("is_active"),
                json.readValue(rs.getString("config"), TemplateConfig.class), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

}
