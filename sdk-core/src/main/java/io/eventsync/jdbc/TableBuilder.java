package io.eventsync.jdbc;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The settings the builders of this package share: the data source, the table's name and whether it
 * is created on first use.
 *
 * @param <B> the concrete builder
 */
abstract class TableBuilder<B extends TableBuilder<B>> {
  final DataSource dataSource;
  private final String defaultTableName;
  private String tableName;
  private boolean createSchema = true;

  TableBuilder(DataSource dataSource, String defaultTableName) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    this.defaultTableName = defaultTableName;
    this.tableName = defaultTableName;
  }

  /**
   * Sets the table, optionally schema-qualified ({@code app.eventsync_checkpoints}). Default: the
   * class's {@code DEFAULT_TABLE_NAME}.
   *
   * @throws IllegalArgumentException if it is not a plain SQL identifier ({@code
   *     [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters per part)
   */
  public B tableName(String tableName) {
    this.tableName = Table.checkName(tableName);
    return self();
  }

  /**
   * Sets whether the table is created on first use with {@code CREATE TABLE IF NOT EXISTS}. Default
   * true; turn it off when your migrations create it from {@code io/eventsync/jdbc/schema.sql}.
   */
  public B createSchema(boolean createSchema) {
    this.createSchema = createSchema;
    return self();
  }

  /** Returns the configured table. */
  Table table() {
    return Table.of(defaultTableName, tableName, createSchema);
  }

  abstract B self();
}
