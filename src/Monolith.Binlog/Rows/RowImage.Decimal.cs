namespace Monolith.Binlog.Rows;

/// <summary>DECIMAL, ENUM and SET accessors.</summary>
public readonly ref partial struct RowImage
{
    /// <summary>
    /// A DECIMAL as an unscaled integer and its scale (value = unscaled / 10^scale); false when the value needs
    /// more than 38 digits (use <see cref="FormatDecimal"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not DECIMAL.</exception>
    /// <exception cref="BinlogFormatException">The stored bytes are not a valid DECIMAL.</exception>
    public bool TryGetDecimal(int column, out Int128 unscaled, out int scale)
    {
        var info = GetColumn(column);
        if (info.Kind != ValueKind.Decimal)
        {
            WrongKind<bool>(column, "TryGetDecimal");
        }

        scale = info.Scale;
        try
        {
            return DecimalCodec.TryDecode(GetBytes(column), info.Precision, info.Scale, out unscaled);
        }
        catch (FormatException e)
        {
            throw Malformed(column, e.Message);
        }
    }

    /// <summary>
    /// Writes a DECIMAL exactly as text (<c>-1234.50</c>, all <see cref="ColumnInfo.Scale"/> digits) in UTF-8 and
    /// returns the bytes written; 68 bytes always suffice.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not DECIMAL.</exception>
    /// <exception cref="BinlogFormatException">The stored bytes are not a valid DECIMAL.</exception>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public int FormatDecimal(int column, Span<byte> utf8)
    {
        var info = GetColumn(column);
        if (info.Kind != ValueKind.Decimal)
        {
            WrongKind<int>(column, "FormatDecimal");
        }

        try
        {
            return DecimalCodec.Format(GetBytes(column), info.Precision, info.Scale, utf8);
        }
        catch (FormatException e)
        {
            throw Malformed(column, e.Message);
        }
    }

    /// <summary>The label of an ENUM value, or null when the labels
    /// are not known or the index is out of range.</summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not ENUM.</exception>
    public string? GetEnumLabel(int column)
    {
        var info = GetColumn(column);
        if (info.Kind != ValueKind.Enum)
        {
            return WrongKind<string>(column, "GetEnumLabel");
        }

        var index = GetUInt64(column);
        if (index == 0)
        {
            return string.Empty;
        }

        return info.Labels is { } labels && index <= (ulong)labels.Count ? labels[(int)index - 1] : null;
    }

    private string FormatLabels(int column)
    {
        var info = GetColumn(column);
        if (info.Kind == ValueKind.Enum)
        {
            return GetEnumLabel(column) ??
                GetUInt64(column).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var bits = GetUInt64(column);
        if (info.Labels is not { } labels || (labels.Count < 64 && bits >> labels.Count != 0))
        {
            return bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var parts = new List<string>();
        for (var i = 0; i < labels.Count && i < 64; i++)
        {
            if ((bits & (1UL << i)) != 0)
            {
                parts.Add(labels[i]);
            }
        }

        return string.Join(',', parts);
    }
}
