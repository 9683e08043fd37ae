using System.Buffers;
using System.Buffers.Text;

namespace Monolith.Binlog.Rows;

/// <summary>Formats the binary forms of MariaDB's UUID, INET4 and INET6 as the server prints them, in UTF-8.</summary>
internal static class BinaryText
{
    /// <summary>The longest text: an INET6 of eight four-digit groups.</summary>
    public const int MaxLength = 39;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>
    /// Writes the text of <paramref name="value"/> (padded to its full length); returns the bytes written.
    /// </summary>
    /// <exception cref="FormatException">The value has the wrong length for its type.</exception>
    public static int Format(BinaryTextFormat format, ReadOnlySpan<byte> value, Span<byte> destination) => format switch
    {
        BinaryTextFormat.Uuid => FormatUuid(Expect(value, 16, "UUID"), destination),
        BinaryTextFormat.Inet4 => FormatInet4(Expect(value, 4, "INET4"), destination),
        BinaryTextFormat.Inet6 => FormatInet6(Expect(value, 16, "INET6"), destination),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a text format."),
    };

    private static ReadOnlySpan<byte> Expect(ReadOnlySpan<byte> value, int length, string type) =>
        value.Length == length
            ? value
            : throw new FormatException($"a {type} value has {length} bytes, this one {value.Length}");

    private static int FormatUuid(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var n = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                destination[n++] = (byte)'-';
            }

            destination[n++] = HexDigits[value[i] >> 4];
            destination[n++] = HexDigits[value[i] & 15];
        }

        return n;
    }

    private static int FormatInet4(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var n = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                destination[n++] = (byte)'.';
            }

            Utf8Formatter.TryFormat(value[i], destination[n..], out var written);
            n += written;
        }

        return n;
    }

    /// <summary>
    /// Groups in lower-case hexadecimal without leading zeros; the longest run of zero groups (the first of equal
    /// runs, even a single group, as MariaDB prints it) becomes <c>::</c>. When the first six groups are zero
    /// (IPv4-compatible) or the first five are zero and the sixth is ffff (IPv4-mapped), the last four bytes are
    /// written as a dotted quad.
    /// </summary>
    private static int FormatInet6(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        Span<int> groups = stackalloc int[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (value[2 * i] << 8) | value[(2 * i) + 1];
        }

        int gapStart = -1, gapLength = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && groups[i] == 0)
            {
                i++;
            }

            if (i - start > gapLength)
            {
                (gapStart, gapLength) = (start, i - start);
            }
        }

        var n = 0;
        if (gapStart == 0 && (gapLength == 6 || (gapLength == 5 && groups[5] == 0xFFFF)))
        {
            destination[n++] = (byte)':';
            destination[n++] = (byte)':';
            if (gapLength == 5)
            {
                "ffff:"u8.CopyTo(destination[n..]);
                n += 5;
            }

            return n + FormatInet4(value[12..], destination[n..]);
        }

        for (var i = 0; i < 8; i++)
        {
            if (i == gapStart)
            {
                destination[n++] = (byte)':';
                destination[n++] = (byte)':';
                i += gapLength - 1;
                continue;
            }

            if (i > 0 && i != gapStart + gapLength)
            {
                destination[n++] = (byte)':';
            }

            Utf8Formatter.TryFormat((uint)groups[i], destination[n..], out var written, new StandardFormat('x'));
            n += written;
        }

        return n;
    }
}
