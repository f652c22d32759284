package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TableTest {
  @Test
  void plainAndSchemaQualifiedIdentifiersAreAccepted() {
    assertThat(Table.checkName("cursors")).isEqualTo("cursors");
    assertThat(Table.checkName("App_1.Cursors_2")).isEqualTo("App_1.Cursors_2");
    assertThat(Table.checkName("_" + "x".repeat(62))).hasSize(63);
  }

  @Test
  void anythingThatCouldChangeTheSqlIsRejected() {
    for (String bad :
        new String[] {
          "",
          "1cursors",
          "cursors;",
          "\"cursors\"",
          "a.b.c",
          "cur sors",
          "cursors--",
          "x".repeat(64)
        }) {
      assertThatThrownBy(() -> Table.checkName(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith("but was \"" + bad + "\"");
    }
  }

  @Test
  void statementComesFromTheSchemaFileWithTheConfiguredName() {
    Table table = Table.of(JdbcCursorStore.DEFAULT_TABLE_NAME, "app.cursors", true);

    assertThat(table.name()).isEqualTo("app.cursors");
    assertThat(table.ddl())
        .startsWith("CREATE TABLE IF NOT EXISTS app.cursors (\n  stream ")
        .endsWith("\n)")
        .doesNotContain("eventsync_checkpoints");
  }
}
