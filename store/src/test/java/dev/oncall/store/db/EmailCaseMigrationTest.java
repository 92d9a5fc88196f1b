package dev.oncall.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * V63 makes emails unique whatever their case. People already differing only by case are not
 * guessed between: the migration stops, naming the address, and changes nothing.
 */
@ExtendWith(WithInfrastructure.class)
class EmailCaseMigrationTest {
    /** An installation at V62, before emails were unique regardless of case. */
    private SchemaAt v62;

    private void person(String handle, String email) {
        v62.db().sql("INSERT INTO users (handle, name, email, timezone) VALUES (:h, :h, :e, 'UTC')")
                .param("h", handle).param("e", email).update();
    }

    @Test
    void afterTheMigrationAnEmailDifferingOnlyByCaseIsRefused(TestInfrastructure infra) {
        v62 = SchemaAt.version(infra, "distinct", "62");
        person("ada", "ada@example.com");

        v62.flyway().migrate();

        assertThatThrownBy(() -> person("eve", "ADA@Example.com"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("users_email_case_insensitive_key");
    }

    @Test
    void existingEmailsDifferingOnlyByCaseStopTheMigrationNamingTheAddress(TestInfrastructure infra) {
        v62 = SchemaAt.version(infra, "twins", "62");
        person("ada", "ada@example.com");
        person("eve", "Ada@Example.com");

        assertThatThrownBy(() -> v62.flyway().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("users_email_case_insensitive_key")
                .hasMessageContaining("ada@example.com");
        assertThat(v62.flyway().info().current().getVersion().getVersion()).isEqualTo("62");
        assertThat(v62.db().sql("SELECT email FROM users ORDER BY handle").query(String.class).list())
                .containsExactly("ada@example.com", "Ada@Example.com");
    }
}
