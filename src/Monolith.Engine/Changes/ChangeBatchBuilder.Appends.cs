using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Monolith.Engine.Changes;

/// <summary>
/// Typed appends, shaped after the row decoder's accessors so that each decoded value goes straight into its
/// column. <c>column</c> is the table ordinal. An append of a kind the column's type cannot hold exactly
/// (text into a number column, a negative value into an unsigned one, a fraction into an integer) stores
/// NULL and counts it as unfit.
/// </summary>
public sealed partial class ChangeBatchBuilder
{
    /// <summary>Appends NULL.</summary>
    public void AppendNull(int column) => Target(column)?.AppendNull();

    /// <summary>Appends a signed integer (any integer type, YEAR, ENUM index).</summary>
    public void AppendInt64(int column, long value) => Target(column)?.AppendInt64(value);

    /// <summary>Appends an unsigned integer (unsigned types, BIT).</summary>
    public void AppendUInt64(int column, ulong value) => Target(column)?.AppendUInt64(value);

    /// <summary>Appends a FLOAT or DOUBLE value.</summary>
    public void AppendDouble(int column, double value) => Target(column)?.AppendDouble(value);

    /// <summary>Appends a decimal given as unscaled value and scale (value = unscaled / 10^scale); rescaled
    /// exactly to the column's scale.</summary>
    public void AppendDecimal(int column, Int128 unscaled, int scale) =>
        Target(column)?.AppendDecimal(unscaled, scale);

    /// <summary>Appends a decimal given as ASCII text (<c>-123.45</c>), for values above 38 digits.</summary>
    public void AppendDecimalText(int column, ReadOnlySpan<byte> text) => Target(column)?.AppendDecimalText(text);

    /// <summary>Appends a DATETIME (wall clock) from its parts; zero dates become NULL.</summary>
    public void AppendDateTime(int column, int year, int month, int day, int hour, int minute, int second,
        int microsecond) =>
        Target(column)?.AppendDateTime(year, month, day, hour, minute, second, microsecond);

    /// <summary>Appends a DATE from its parts; zero dates become NULL.</summary>
    public void AppendDate(int column, int year, int month, int day) => Target(column)?.AppendDate(year, month, day);

    /// <summary>Appends a TIMESTAMP as microseconds since the epoch (UTC).</summary>
    public void AppendTimestampMicros(int column, long micros) => Target(column)?.AppendTimestampMicros(micros);

    /// <summary>Appends a TIME as signed microseconds.</summary>
    public void AppendTimeMicros(int column, long micros) => Target(column)?.AppendTimeMicros(micros);

    /// <summary>Appends UTF-8 text (text, ENUM or SET labels, JSON) or binary bytes (BLOB, BINARY, GEOMETRY).
    /// The bytes are copied; no string is created.</summary>
    public void AppendBytes(int column, ReadOnlySpan<byte> value) => Target(column)?.AppendBytes(value);

    /// <summary>Appends a Boolean.</summary>
    public void AppendBoolean(int column, bool value) => Target(column)?.AppendBoolean(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ColumnBuilder? Target(int column)
    {
        if ((uint)column >= (uint)_byOrdinal.Length)
        {
            ThrowColumn(column);
        }

        return _byOrdinal[column];
    }

    [DoesNotReturn]
    private void ThrowColumn(int column) =>
        throw new ArgumentOutOfRangeException(
            nameof(column), column,
            $"The table has {_byOrdinal.Length} columns (ordinals 0 to {_byOrdinal.Length - 1}).");
}
