using System.Text;

namespace Monolith.Binlog.Rows;

/// <summary>Accessors for fixed-length binary strings and the MariaDB types stored as them.</summary>
public readonly ref partial struct RowImage
{
    /// <summary>
    /// A binary value as SQL returns it. The binlog drops the trailing zero bytes of BINARY(n) values (and of
    /// MariaDB's UUID, INET4 and INET6, stored as BINARY); for such a column the stored bytes are copied into
    /// <paramref name="buffer"/> and padded with zeros to <see cref="ColumnInfo.FixedLength"/>. Any other value is
    /// returned as <see cref="GetBytes"/> returns it, without copying.
    /// </summary>
    /// <param name="column">The column ordinal.</param>
    /// <param name="buffer">At least <see cref="ColumnInfo.FixedLength"/> bytes (at most 255).</param>
    /// <exception cref="InvalidOperationException">The column is absent or NULL.</exception>
    /// <exception cref="ArgumentException">The buffer is too small.</exception>
    /// <exception cref="BinlogFormatException">The stored value is longer than its declared length.</exception>
    public ReadOnlySpan<byte> GetPaddedBytes(int column, Span<byte> buffer)
    {
        var bytes = GetBytes(column);
        var length = Table.ColumnAt(column).FixedLength;
        if (length == 0 || bytes.Length == length)
        {
            return bytes;
        }

        if (bytes.Length > length)
        {
            throw Malformed(column, $"its {bytes.Length} bytes exceed the declared length of {length}");
        }

        if (buffer.Length < length)
        {
            throw new ArgumentException(
                $"Column {GetColumn(column).Name} needs a buffer of {length} bytes; it has {buffer.Length}",
                nameof(buffer));
        }

        bytes.CopyTo(buffer);
        buffer[bytes.Length..length].Clear();
        return buffer[..length];
    }

    /// <summary>
    /// Writes the text of a MariaDB UUID, INET4 or INET6 value (see <see cref="ColumnInfo.BinaryTextFormat"/>) as
    /// UTF-8 into <paramref name="destination"/> (39 bytes suffice); returns the bytes written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or has no text form.</exception>
    /// <exception cref="BinlogFormatException">The stored value has the wrong length.</exception>
    public int FormatBinaryText(int column, Span<byte> destination)
    {
        var format = GetColumn(column).BinaryTextFormat;
        if (format == BinaryTextFormat.None)
        {
            WrongKind<int>(column, "FormatBinaryText");
        }

        Span<byte> padded = stackalloc byte[16];
        try
        {
            return BinaryText.Format(format, GetPaddedBytes(column, padded), destination);
        }
        catch (FormatException e)
        {
            throw Malformed(column, e.Message);
        }
    }

    private string FormatBinaryText(int column)
    {
        Span<byte> text = stackalloc byte[BinaryText.MaxLength];
        return Encoding.ASCII.GetString(text[..FormatBinaryText(column, text)]);
    }
}
