using System.Numerics;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Query.Results;

/// <summary>
/// A finished query result: columns and rows, computed in full from one pinned version of each rollup before
/// anything is written, so an error never leaves half a response behind.
/// </summary>
public sealed class QueryResult
{
    private static readonly BigInteger s_decimalLimit = BigInteger.Pow(2, 96);

    private System.Text.Json.JsonEncodedText[]? _encodedNames;

    internal QueryResult(IReadOnlyList<ResultColumn> columns, IReadOnlyList<QueryValue[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The columns, in select-list order.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Rows.Count;

    internal IReadOnlyList<QueryValue[]> Rows { get; }

    /// <summary>Column names escaped for JSON once, not once per row.</summary>
    internal System.Text.Json.JsonEncodedText[] EncodedNames => _encodedNames ??=
        Columns.Select(c => System.Text.Json.JsonEncodedText.Encode(c.Name, JsonValues.Options.Encoder)).ToArray();

    /// <summary>
    /// A value as a .NET object: null, <see cref="long"/>, <see cref="ulong"/>, <see cref="double"/>,
    /// <see cref="string"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (UTC) for timestamps, and for
    /// decimals <see cref="decimal"/> when it holds the value exactly, else <see cref="BigInteger"/> for whole
    /// numbers beyond 64 bits or the exact decimal text.
    /// </summary>
    public object? GetValue(int row, int column) => ToObject(Rows[row][column]);

    /// <summary>All rows as .NET objects (see <see cref="GetValue"/>).</summary>
    public IEnumerable<object?[]> ToArrays() => Rows.Select(r => r.Select(ToObject).ToArray());

    internal static object? ToObject(QueryValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Unknown:
                return null;
            case ValueKind.Long:
                return value.Long;
            case ValueKind.UnsignedLong:
                return value.UnsignedLong;
            case ValueKind.Double:
                return value.Double;
            case ValueKind.String:
                return value.String;
            case ValueKind.Boolean:
                return value.Boolean;
            case ValueKind.Timestamp:
                return DateTimeOffset.FromUnixTimeMilliseconds(value.Long);
            default:
                var unscaled = value.BigUnscaled;
                if (value.Scale <= 28 && BigInteger.Abs(unscaled) < s_decimalLimit)
                {
                    return FromParts(unscaled, value.Scale);
                }

                return value.Scale == 0 ? unscaled : value.ToString();
        }
    }

    private static decimal FromParts(BigInteger unscaled, int scale)
    {
        var magnitude = BigInteger.Abs(unscaled);
        var low = (int)(uint)(magnitude & uint.MaxValue);
        var middle = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var high = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(low, middle, high, unscaled.Sign < 0, (byte)scale);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(Environment.NewLine, Rows.Select(r => string.Join(" | ", r.Select(v => v.ToString()))).Prepend(
            string.Join(" | ", Columns.Select(c => c.Name))));
}
