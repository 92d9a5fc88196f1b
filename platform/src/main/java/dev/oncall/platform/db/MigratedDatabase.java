package dev.oncall.platform.db;

import dev.oncall.platform.db.DatabaseKind;
import javax.sql.DataSource;

/** The application's database after its schema has been brought up to date. */
public record MigratedDatabase(DataSource dataSource, DatabaseKind kind) {}
