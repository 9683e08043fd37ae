namespace Monolith.Engine.Rollups;

/// <summary>The type of a rollup or result column, with its SQL and Druid names.</summary>
/// <param name="Kind">The kind of value.</param>
/// <param name="Precision">Decimal precision (digits), for <see cref="ValueKind.Decimal"/>.</param>
/// <param name="Scale">Decimal scale (digits after the point), for <see cref="ValueKind.Decimal"/>.</param>
public readonly record struct ColumnType(ValueKind Kind, int Precision = 0, int Scale = 0)
{
    /// <summary>BIGINT.</summary>
    public static ColumnType Long { get; } = new(ValueKind.Long);

    /// <summary>BIGINT UNSIGNED.</summary>
    public static ColumnType UnsignedLong { get; } = new(ValueKind.UnsignedLong);

    /// <summary>DOUBLE.</summary>
    public static ColumnType Double { get; } = new(ValueKind.Double);

    /// <summary>VARCHAR.</summary>
    public static ColumnType String { get; } = new(ValueKind.String);

    /// <summary>BOOLEAN.</summary>
    public static ColumnType Boolean { get; } = new(ValueKind.Boolean);

    /// <summary>TIMESTAMP.</summary>
    public static ColumnType Timestamp { get; } = new(ValueKind.Timestamp);

    /// <summary>DECIMAL(p, s).</summary>
    public static ColumnType Decimal(int precision, int scale) => new(ValueKind.Decimal, precision, scale);

    /// <summary>True for the numeric kinds.</summary>
    public bool IsNumeric => Kind is ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Double or ValueKind.Decimal;

    /// <summary>The SQL type name INFORMATION_SCHEMA and <c>sqlTypesHeader</c> show.</summary>
    public string SqlTypeName => Kind switch
    {
        ValueKind.Long or ValueKind.UnsignedLong => "BIGINT",
        ValueKind.Double => "DOUBLE",
        ValueKind.Decimal => "DECIMAL",
        ValueKind.Boolean => "BOOLEAN",
        ValueKind.Timestamp => "TIMESTAMP",
        _ => "VARCHAR",
    };

    /// <summary>The Druid runtime type name <c>typesHeader</c> and segment metadata show. Druid has no decimal
    /// type; its clients treat DOUBLE as the numeric type with a fraction, which is what a decimal becomes
    /// there.</summary>
    public string DruidTypeName => Kind switch
    {
        ValueKind.Long or ValueKind.UnsignedLong or ValueKind.Timestamp or ValueKind.Boolean => "LONG",
        ValueKind.Double or ValueKind.Decimal => "DOUBLE",
        _ => "STRING",
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ValueKind.Decimal => $"DECIMAL({Precision}, {Scale})",
        ValueKind.UnsignedLong => "BIGINT UNSIGNED",
        _ => SqlTypeName,
    };
}
