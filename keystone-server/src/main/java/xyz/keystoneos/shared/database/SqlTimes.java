package xyz.keystoneos.shared.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** {@code timestamptz} ↔ {@link Instant} for JdbcClient code, null-safe both ways. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** The range the API accepts for any time it stores or compares (PostgreSQL's is wider, the JDK's narrower). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** A time for a query or a row; a time outside years 1..9999 is a 400 {@code timestamp_out_of_range}. */
    public static Timestamp timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw xyz.keystoneos.shared.web.ApiException.badRequest("timestamp_out_of_range",
                    "Times must lie between the years 0001 and 9999 (got " + instant + ")");
        }
        return Timestamp.from(instant);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
