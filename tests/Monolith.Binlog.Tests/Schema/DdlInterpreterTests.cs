using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Tests.Schema;

/// <summary>
/// The DDL interpreter through <see cref="SchemaHistory.ApplyStatement"/>: statements in, versions out.
/// </summary>
public sealed class DdlInterpreterTests
{
    private static readonly BinlogPosition s_p1 = new("bin.000001", 100);
    private static readonly BinlogPosition s_p2 = new("bin.000001", 200);
    private static readonly BinlogPosition s_p3 = new("bin.000002", 50);

    private const string OrdersTable =
        "CREATE TABLE `shop`.`orders` (\n" +
        "  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'the key, it''s unique',\n" +
        "  total DECIMAL(12, 2) NOT NULL DEFAULT '0.00',\n" +
        "  status ENUM('new','it''s paid','a,b') CHARACTER SET latin1 DEFAULT 'new',\n" +
        "  name VARCHAR(100) COLLATE utf8mb4_bin,\n" +
        "  doc JSON /* a comment, with a comma */,\n" +
        "  created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),\n" +
        "  flag BOOL,\n" +
        "  PRIMARY KEY (`id`),\n" +
        "  KEY idx_status (status, created),\n" +
        "  CONSTRAINT chk CHECK (total >= 0)\n" +
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

    [Fact]
    public void Create_table_gives_columns_types_keys_and_character_sets()
    {
        var history = new SchemaHistory();

        var result = history.ApplyStatement("other", OrdersTable, s_p1);

        Assert.Equal(DdlOutcome.Applied, result.Outcome);
        Assert.Equal(["shop.orders"], result.Tables);
        var columns = history.Find("shop", "orders", s_p1)!.Schema!.Columns;
        Assert.Equal(["id", "total", "status", "name", "doc", "created", "flag"], columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 7), columns.Select(c => c.Ordinal));
        Assert.Equal(["bigint", "decimal", "enum", "varchar", "json", "datetime", "tinyint"],
            columns.Select(c => c.DataType));
        Assert.Equal("bigint unsigned", columns[0].ColumnType);
        Assert.True(columns[0].IsUnsigned);
        Assert.True(columns[0].IsPrimaryKey);
        Assert.False(columns[0].IsNullable);
        Assert.Equal("decimal(12,2)", columns[1].ColumnType);
        Assert.Equal(["new", "it's paid", "a,b"], columns[2].Labels);
        Assert.Equal("enum('new','it''s paid','a,b')", columns[2].ColumnType);
        Assert.Equal("latin1", columns[2].CharacterSet);
        Assert.Equal("utf8mb4", columns[3].CharacterSet);
        Assert.True(columns[3].IsNullable);
        Assert.Null(columns[4].CharacterSet);
        Assert.Equal("datetime(6)", columns[5].ColumnType);
        Assert.Equal("tinyint(1)", columns[6].ColumnType);
        Assert.Equal("utf8mb4", history.Find("shop", "orders", s_p1)!.DefaultCharacterSet);
    }

    [Fact]
    public void Alter_table_applies_several_clauses_in_order_with_first_and_after()
    {
        var history = HistoryWith("CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10), c TEXT) CHARSET=latin1");

        var result = history.ApplyStatement("db",
            "ALTER TABLE t ADD COLUMN d INT UNSIGNED AFTER a, DROP COLUMN c, ADD INDEX ib (b), " +
            "MODIFY b VARCHAR(20) CHARACTER SET utf8mb4 NOT NULL FIRST, CHANGE COLUMN a a_id BIGINT, " +
            "ADD e VARCHAR(5), RENAME COLUMN d TO d2, ALGORITHM=INPLACE, LOCK=NONE", s_p2);

        Assert.Equal(DdlOutcome.Applied, result.Outcome);
        var columns = history.Find("db", "t", s_p2)!.Schema!.Columns;
        Assert.Equal(["b", "a_id", "d2", "e"], columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 4), columns.Select(c => c.Ordinal));
        Assert.Equal("varchar(20)", columns[0].ColumnType);
        Assert.Equal("utf8mb4", columns[0].CharacterSet);
        Assert.False(columns[0].IsNullable);
        Assert.True(columns[1].IsPrimaryKey);
        Assert.Equal("bigint", columns[1].DataType);
        Assert.True(columns[2].IsUnsigned);
        Assert.Equal("latin1", columns[3].CharacterSet);

        // The version before the statement is still in force before its position.
        Assert.Equal(["a", "b", "c"], history.Find("db", "t", s_p1)!.Schema!.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("ALTER TABLE `db`.`t` ADD COLUMN `we``ird` INT", "we`ird")]
    [InlineData("alter table t add (x int, y int)", "x,y")]
    [InlineData("ALTER TABLE t /* why */ ADD -- line\n z INT", "z")]
    [InlineData("ALTER TABLE t /*!50700 ADD COLUMN v INT */", "v")]
    [InlineData("ALTER ONLINE TABLE IF EXISTS t WAIT 5 ADD COLUMN IF NOT EXISTS w INT", "w")]
    public void Added_columns_are_read_through_quoting_comments_and_options(string sql, string added)
    {
        var history = HistoryWith("CREATE TABLE t (a INT)");

        Assert.Equal(DdlOutcome.Applied, history.ApplyStatement("db", sql, s_p2).Outcome);

        Assert.Equal(["a", .. added.Split(',')], history.Find("db", "t", s_p2)!.Schema!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Primary_key_and_character_set_changes_follow()
    {
        var history = HistoryWith("CREATE TABLE t (a INT PRIMARY KEY, b INT NOT NULL, c VARCHAR(5)) CHARSET=latin1");

        history.ApplyStatement("db", "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (b, a)", s_p2);
        history.ApplyStatement("db", "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", s_p3);

        var afterKey = history.Find("db", "t", s_p2)!.Schema!.Columns;
        Assert.Equal([true, true, false], afterKey.Select(c => c.IsPrimaryKey));
        var afterConvert = history.Find("db", "t", s_p3)!;
        Assert.Equal([null, null, "utf8mb4"], afterConvert.Schema!.Columns.Select(c => c.CharacterSet));
        Assert.Equal("utf8mb4", afterConvert.DefaultCharacterSet);
    }

    [Fact]
    public void Rename_drop_and_truncate_move_and_end_tables()
    {
        var history = HistoryWith("CREATE TABLE a (x INT)");
        history.ApplyStatement("db", "CREATE TABLE db.b (y INT)", s_p1);

        history.ApplyStatement("db", "RENAME TABLE a TO a2, db.b TO other.b", s_p2);
        history.ApplyStatement("db", "TRUNCATE TABLE a2", s_p2);
        var dropped = history.ApplyStatement("db", "DROP TABLE IF EXISTS a2 /* generated by server */", s_p3);

        Assert.Null(history.Find("db", "a", s_p2)!.Schema);
        Assert.Equal(["x"], history.Find("db", "a2", s_p2)!.Schema!.Columns.Select(c => c.Name));
        Assert.Equal("other", history.Find("other", "b", s_p2)!.Schema!.Database);
        Assert.Equal(["db.a2"], dropped.Tables);
        Assert.Null(history.Find("db", "a2", s_p3)!.Schema);
        Assert.NotNull(history.Find("db", "a2", s_p2)!.Schema);
    }

    [Fact]
    public void Alter_table_rename_to_moves_the_altered_schema()
    {
        var history = HistoryWith("CREATE TABLE t (a INT)");

        history.ApplyStatement("db", "ALTER TABLE t ADD b INT, RENAME TO t_new", s_p2);

        Assert.Null(history.Find("db", "t", s_p2)!.Schema);
        Assert.Equal(["a", "b"], history.Find("db", "t_new", s_p2)!.Schema!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Drop_database_ends_its_tables()
    {
        var history = HistoryWith("CREATE TABLE t (a INT)");

        var result = history.ApplyStatement(null, "DROP DATABASE IF EXISTS `db`", s_p2);

        Assert.Equal(["db.t"], result.Tables);
        Assert.Null(history.Find("db", "t", s_p2)!.Schema);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)")]
    [InlineData("BEGIN")]
    [InlineData("COMMIT")]
    [InlineData("CREATE INDEX i ON t (a)")]
    [InlineData("CREATE TEMPORARY TABLE tmp (a INT)")]
    [InlineData("DROP TEMPORARY TABLE IF EXISTS tmp")]
    [InlineData("GRANT SELECT ON *.* TO u")]
    [InlineData("CREATE DATABASE shop")]
    [InlineData("/* just a comment */")]
    public void Statements_that_change_no_columns_are_passed_over(string sql)
    {
        var history = HistoryWith("CREATE TABLE t (a INT)");

        Assert.Equal(DdlOutcome.NotSchemaChange, history.ApplyStatement("db", sql, s_p2).Outcome);
        Assert.Single(history.VersionsOf("db", "t"));
    }

    [Theory]
    [InlineData("ALTER TABLE t ADD COLUMN b INT, FROBNICATE", "FROBNICATE")]
    [InlineData("CREATE TABLE t SELECT 1 AS a", "SELECT")]
    [InlineData("ALTER TABLE t MODIFY nope INT", "'nope'")]
    [InlineData("ALTER TABLE t ADD COLUMN (b INT", "end of the statement")]
    public void Statements_not_interpreted_mark_the_table_to_be_read_again(string sql, string reason)
    {
        var history = HistoryWith("CREATE TABLE t (a INT)");

        var result = history.ApplyStatement("db", sql, s_p2);

        Assert.Equal(DdlOutcome.ReadAgain, result.Outcome);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.True(history.Find("db", "t", s_p2)!.IsStale);
        Assert.False(history.Find("db", "t", s_p1)!.IsStale);
    }

    [Fact]
    public void Schema_read_after_the_statement_is_taken_as_already_altered()
    {
        // Catching up: the schema was read from the server when column c already existed.
        var history = HistoryWith("CREATE TABLE t (a INT, c INT)");

        var result = history.ApplyStatement("db", "ALTER TABLE t ADD COLUMN c INT, DROP COLUMN gone", s_p2);

        Assert.Equal(DdlOutcome.Applied, result.Outcome);
        Assert.Equal(["a", "c"], history.Find("db", "t", s_p2)!.Schema!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Create_table_like_copies_the_source()
    {
        var history = HistoryWith("CREATE TABLE t (a INT PRIMARY KEY, b ENUM('x','y'))");

        history.ApplyStatement("db", "CREATE TABLE IF NOT EXISTS t_copy LIKE t", s_p2);

        var copy = history.Find("db", "t_copy", s_p2)!.Schema!;
        Assert.Equal("t_copy", copy.Table);
        Assert.Equal(["x", "y"], copy.Columns[1].Labels);
    }

    [Fact]
    public void History_survives_export_and_import()
    {
        var history = HistoryWith(OrdersTable);
        history.ApplyStatement("shop", "ALTER TABLE orders ADD note TEXT", s_p2);
        history.ApplyStatement("shop", "DROP TABLE orders", s_p3);

        var restored = SchemaHistory.Import(history.Export());

        Assert.Equal(history.Export(), restored.Export(), new EntryComparer());
        Assert.Equal(8, restored.Find("shop", "orders", s_p2)!.Schema!.Columns.Count);
        Assert.Null(restored.Find("shop", "orders", s_p3)!.Schema);
    }

    [Fact]
    public void Prune_keeps_the_version_in_force_at_the_position_and_later_ones()
    {
        var history = HistoryWith("CREATE TABLE t (a INT)");
        history.ApplyStatement("db", "ALTER TABLE t ADD b INT", s_p2);
        history.ApplyStatement("db", "ALTER TABLE t ADD c INT", s_p3);

        history.Prune(new BinlogPosition("bin.000001", 250));

        Assert.Equal([s_p2, s_p3], history.VersionsOf("db", "t").Select(v => v.From));
    }

    private static SchemaHistory HistoryWith(string createTable)
    {
        var history = new SchemaHistory();
        Assert.Equal(DdlOutcome.Applied, history.ApplyStatement("db", createTable, s_p1).Outcome);
        return history;
    }

    private sealed class EntryComparer : IEqualityComparer<SchemaHistoryEntry>
    {
        public bool Equals(SchemaHistoryEntry? x, SchemaHistoryEntry? y) =>
            x is not null && y is not null && x with { Columns = null } == y with { Columns = null } &&
            (x.Columns ?? []).Select(Text).SequenceEqual((y.Columns ?? []).Select(Text));

        public int GetHashCode(SchemaHistoryEntry obj) => obj.Table.GetHashCode(StringComparison.Ordinal);

        private static string Text(ColumnSchema c) =>
            c with { Labels = null } + string.Join("|", c.Labels ?? []);
    }
}
