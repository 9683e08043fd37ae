using Monolith.Engine.Query.Results;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Planning;

/// <summary>
/// Druid's INFORMATION_SCHEMA: SCHEMATA, TABLES and COLUMNS, with the rollups as tables of schema <c>druid</c>.
/// </summary>
internal static class InformationSchema
{
    public const string Schema = "INFORMATION_SCHEMA";
    public const string Catalog = "druid";

    private static readonly ColumnType s_text = ColumnType.String;

    private static readonly ResultColumn[] s_schemata =
    [
        new("CATALOG_NAME", s_text), new("SCHEMA_NAME", s_text), new("SCHEMA_OWNER", s_text),
        new("DEFAULT_CHARACTER_SET_CATALOG", s_text), new("DEFAULT_CHARACTER_SET_SCHEMA", s_text),
        new("DEFAULT_CHARACTER_SET_NAME", s_text), new("SQL_PATH", s_text),
    ];

    private static readonly ResultColumn[] s_tables =
    [
        new("TABLE_CATALOG", s_text), new("TABLE_SCHEMA", s_text), new("TABLE_NAME", s_text),
        new("TABLE_TYPE", s_text), new("IS_JOINABLE", s_text), new("IS_BROADCAST", s_text),
    ];

    private static readonly ResultColumn[] s_columns =
    [
        new("TABLE_CATALOG", s_text), new("TABLE_SCHEMA", s_text), new("TABLE_NAME", s_text),
        new("COLUMN_NAME", s_text), new("ORDINAL_POSITION", ColumnType.Long), new("COLUMN_DEFAULT", s_text),
        new("IS_NULLABLE", s_text), new("DATA_TYPE", s_text), new("CHARACTER_MAXIMUM_LENGTH", ColumnType.Long),
        new("CHARACTER_OCTET_LENGTH", ColumnType.Long), new("NUMERIC_PRECISION", ColumnType.Long),
        new("NUMERIC_PRECISION_RADIX", ColumnType.Long), new("NUMERIC_SCALE", ColumnType.Long),
        new("DATETIME_PRECISION", ColumnType.Long), new("CHARACTER_SET_NAME", s_text), new("COLLATION_NAME", s_text),
        new("JDBC_TYPE", ColumnType.Long),
    ];

    public static bool TryGet(string name, RollupStore store, out IReadOnlyList<ResultColumn> columns,
        out List<QueryValue[]> rows)
    {
        switch (name.ToUpperInvariant())
        {
            case "SCHEMATA":
                columns = s_schemata;
                rows = [Schemata("druid"), Schemata(Schema)];
                return true;
            case "TABLES":
                columns = s_tables;
                rows = Rollups(store).Select(r => Table("druid", r.Name, "TABLE"))
                    .Concat(new[] { "COLUMNS", "SCHEMATA", "TABLES" }.Select(t => Table(Schema, t, "SYSTEM_TABLE")))
                    .ToList();
                return true;
            case "COLUMNS":
                columns = s_columns;
                rows = [];
                foreach (var rollup in Rollups(store))
                {
                    var position = 1;
                    foreach (var column in rollup.Current.Columns)
                    {
                        rows.Add(Column("druid", rollup.Name, column.Name, position++, Type(column), Nullable(column)));
                    }
                }

                foreach (var (table, list) in new[] { ("COLUMNS", s_columns), ("SCHEMATA", s_schemata), ("TABLES",
                    s_tables) })
                {
                    var position = 1;
                    foreach (var column in list)
                    {
                        rows.Add(Column(Schema, table, column.Name, position++, column.Type, true));
                    }
                }

                return true;
            default:
                columns = [];
                rows = [];
                return false;
        }
    }

    private static IEnumerable<Rollup> Rollups(RollupStore store) => store.Rollups.OrderBy(r => r.Name,
        StringComparer.Ordinal);

    private static ColumnType Type(RollupColumn column) =>
        column.Type.Kind == ValueKind.Unknown
            ? column.Role == RollupColumnRole.Dimension ? ColumnType.String : ColumnType.Double
            : column.Type;

    private static bool Nullable(RollupColumn column) =>
        column.Role != RollupColumnRole.Time &&
        column.Metric?.Kind is not (AggregatorKind.Count or AggregatorKind.CountValues or AggregatorKind.CountDistinct
            or AggregatorKind.ApproxCountDistinct);

    private static QueryValue Text(string? value) => value is null ? QueryValue.Null : QueryValue.FromString(value);

    private static QueryValue Number(long? value) => value is { } v ? QueryValue.FromLong(v) : QueryValue.Null;

    private static QueryValue[] Schemata(string schema) =>
        [Text(Catalog), Text(schema), Text(null), Text(null), Text(null), Text(null), Text(null)];

    private static QueryValue[] Table(string schema, string name, string type) =>
        [Text(Catalog), Text(schema), Text(name), Text(type), Text("NO"), Text("NO")];

    private static QueryValue[] Column(string schema, string table, string name, int position, ColumnType type,
        bool nullable)
    {
        var isText = type.Kind == ValueKind.String;
        long? precision = type.Kind switch
        {
            ValueKind.Long or ValueKind.UnsignedLong => 19,
            ValueKind.Double => 15,
            ValueKind.Decimal => type.Precision,
            _ => null,
        };
        long? jdbc = type.Kind switch
        {
            ValueKind.Long or ValueKind.UnsignedLong => -5,
            ValueKind.Double => 8,
            ValueKind.Decimal => 3,
            ValueKind.Boolean => 16,
            ValueKind.Timestamp => 93,
            _ => 12,
        };
        return
        [
            Text(Catalog), Text(schema), Text(table), Text(name), Number(position), Text(null),
            Text(nullable ? "YES" : "NO"), Text(type.SqlTypeName), Number(null), Number(null), Number(precision),
            Number(precision is null ? null : 10),
            Number(type.Kind switch { ValueKind.Decimal => type.Scale, ValueKind.Long or ValueKind.UnsignedLong => 0,
                _ => null }),
            Number(type.Kind == ValueKind.Timestamp ? 3 : null), Text(isText ? "UTF-16" : null),
            Text(isText ? "UTF-16LE$en_US$primary" : null), Number(jdbc),
        ];
    }
}
