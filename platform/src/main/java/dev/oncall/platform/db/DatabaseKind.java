package dev.oncall.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** Which database we are talking to: the portable SQL runs on both, the multi-region DDL only on CockroachDB. */
public enum DatabaseKind {
    POSTGRESQL,
    COCKROACHDB;

    public static DatabaseKind of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1).toLowerCase(Locale.ROOT).contains("cockroachdb") ? COCKROACHDB : POSTGRESQL;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is: " + e.getMessage(), e);
        }
    }
}
