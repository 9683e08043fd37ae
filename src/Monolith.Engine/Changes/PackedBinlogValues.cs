using System.Runtime.CompilerServices;

namespace Monolith.Engine.Changes;

/// <summary>
/// Reads the binlog's packed DATETIME2 and DECIMAL encodings straight into the numbers change batches hold,
/// without the general accessors' per-call type dispatch, intermediate structs and digit-group buffers. Each
/// reader answers false for anything it does not cover (a malformed value included), and the caller then takes
/// the general accessor, which reports the error; so a value is either read here or not at all.
/// </summary>
public static class PackedBinlogValues
{
    /// <summary>The offset MySQL adds to a DATETIME2's 40-bit integer part so that its bytes sort.</summary>
    private const long DateTime2Offset = 0x80_0000_0000L;

    private static ReadOnlySpan<byte> DigitBytes => [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    private static ReadOnlySpan<uint> Powers =>
        [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

    /// <summary>The number of bytes of a DATETIME2 with <paramref name="fractionalDigits"/> digits of fraction.
    /// </summary>
    public static int DateTime2Size(int fractionalDigits) => 5 + ((Math.Clamp(fractionalDigits, 0, 6) + 1) / 2);

    /// <summary>
    /// Splits a DATETIME2 (5 big-endian bytes of year*13+month, day, hour, minute and second, then 0 to 3 bytes of
    /// fraction) into its parts, unvalidated, as the server stored them (zero dates included).
    /// </summary>
    /// <returns>False when the bytes are too short or the integer part is negative.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadDateTime2(ReadOnlySpan<byte> bytes, int fractionalDigits, out int year, out int month,
        out int day, out int hour, out int minute, out int second, out int microsecond)
    {
        var size = DateTime2Size(fractionalDigits);
        if (bytes.Length < size)
        {
            year = month = day = hour = minute = second = microsecond = 0;
            return false;
        }

        var value = ((long)bytes[0] << 32 | (long)bytes[1] << 24 | (long)bytes[2] << 16 | (long)bytes[3] << 8
            | bytes[4]) - DateTime2Offset;
        var ymd = (int)(value >> 17);
        var ym = ymd >> 5;
        var hms = (int)(value & 0x1FFFF);
        year = ym / 13;
        month = ym % 13;
        day = ymd & 31;
        hour = hms >> 12;
        minute = (hms >> 6) & 63;
        second = hms & 63;
        microsecond = size switch
        {
            6 => bytes[5] * 10000,
            7 => ((bytes[5] << 8) | bytes[6]) * 100,
            8 => (bytes[5] << 16) | (bytes[6] << 8) | bytes[7],
            _ => 0,
        };
        return value >= 0;
    }

    /// <summary>The index of an ENUM value (1-based; 0 for the invalid value), stored in one or two little-endian
    /// bytes; -1 when the length is neither.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadEnumIndex(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => bytes[0] | (bytes[1] << 8),
        _ => -1,
    };

    /// <summary>
    /// Reads a binary DECIMAL of at most 18 digits as its unscaled value (value * 10^scale). The digits are kept
    /// in groups of nine in big-endian words, with shorter groups at both ends, the sign in the top bit of the
    /// first byte (set for positive values) and every byte inverted for negative ones.
    /// </summary>
    /// <returns>False when the precision exceeds 18, the length does not match, or a group holds more digits than
    /// it may.</returns>
    public static bool TryReadDecimal64(ReadOnlySpan<byte> bytes, int precision, int scale, out long unscaled)
    {
        unscaled = 0;
        if ((uint)(precision - 1) >= 18 || (uint)scale > (uint)precision || bytes.Length == 0)
        {
            return false;
        }

        var integer = precision - scale;
        var size = ((integer / 9) * 4) + DigitBytes[integer % 9] + ((scale / 9) * 4) + DigitBytes[scale % 9];
        if (bytes.Length != size)
        {
            return false;
        }

        var negative = (bytes[0] & 0x80) == 0;
        var position = 0;
        long value = 0;
        var ok = TakeGroup(bytes, ref position, integer % 9, negative, ref value);
        for (var i = 0; i < integer / 9; i++)
        {
            ok &= TakeGroup(bytes, ref position, 9, negative, ref value);
        }

        for (var i = 0; i < scale / 9; i++)
        {
            ok &= TakeGroup(bytes, ref position, 9, negative, ref value);
        }

        if (!ok || !TakeGroup(bytes, ref position, scale % 9, negative, ref value))
        {
            return false;
        }

        unscaled = negative ? -value : value;
        return true;
    }

    /// <summary>Appends one digit group of <paramref name="digits"/> digits (none when 0) to the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TakeGroup(ReadOnlySpan<byte> bytes, ref int position, int digits, bool negative,
        ref long value)
    {
        if (digits == 0)
        {
            return true;
        }

        var length = digits == 9 ? 4 : DigitBytes[digits];
        uint group = 0;
        for (var i = 0; i < length; i++)
        {
            group = (group << 8) | bytes[position + i];
        }

        var shift = 8 * (length - 1);
        if (position == 0)
        {
            // The sign bit is part of the first group's first byte.
            group ^= 0x80u << shift;
        }

        if (negative)
        {
            group ^= uint.MaxValue >> (24 - shift);
        }

        if (group >= Powers[digits])
        {
            return false;
        }

        position += length;
        value = (value * Powers[digits]) + group;
        return true;
    }
}
