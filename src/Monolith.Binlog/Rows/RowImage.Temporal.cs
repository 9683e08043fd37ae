using System.Buffers.Binary;

namespace Monolith.Binlog.Rows;

/// <summary>Date and time accessors.</summary>
public readonly ref partial struct RowImage
{
    private const long MicrosPerSecond = 1_000_000;

    /// <summary>DATE or DATETIME as stored: a wall-clock value, zero dates included.</summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not DATE/DATETIME.</exception>
    /// <exception cref="BinlogFormatException">The stored value is impossible.</exception>
    public MySqlDateTime GetDateTime(int column)
    {
        var info = GetColumn(column);
        var bytes = GetBytes(column);
        switch (info.RealType)
        {
            case ColumnType.Date:
            case ColumnType.NewDate:
                var packed = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
                return new MySqlDateTime(packed >> 9, (packed >> 5) & 15, packed & 31, 0, 0, 0, 0);
            case ColumnType.DateTime:
                var digits = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                var date = digits / 1_000_000;
                var time = digits % 1_000_000;
                return new MySqlDateTime((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100),
                    (int)(time / 10000), (int)(time / 100 % 100), (int)(time % 100), 0);
            case ColumnType.DateTime2:
                var value = ReadBigEndian(bytes[..5]) - 0x80_0000_0000L;
                if (value < 0)
                {
                    throw Malformed(column, "a DATETIME2 value is negative");
                }

                var ymd = value >> 17;
                var ym = ymd >> 5;
                var hms = value & 0x1FFFF;
                return new MySqlDateTime((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31), (int)(hms >> 12),
                    (int)((hms >> 6) & 63), (int)(hms & 63), ReadFraction(bytes[5..], info.FractionalDigits));
            default:
                return WrongKind<MySqlDateTime>(column, "GetDateTime");
        }
    }

    /// <summary>TIMESTAMP as microseconds since the Unix epoch, UTC.</summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not TIMESTAMP.</exception>
    public long GetTimestampMicroseconds(int column)
    {
        var info = GetColumn(column);
        var bytes = GetBytes(column);
        return info.RealType switch
        {
            ColumnType.Timestamp => BinaryPrimitives.ReadUInt32LittleEndian(bytes) * MicrosPerSecond,
            ColumnType.Timestamp2 => (BinaryPrimitives.ReadUInt32BigEndian(bytes) * MicrosPerSecond) +
                ReadFraction(bytes[4..], info.FractionalDigits),
            _ => WrongKind<long>(column, "GetTimestampMicroseconds"),
        };
    }

    /// <summary>TIME as signed microseconds (from -838:59:59 to 838:59:59, fractions included).</summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not TIME.</exception>
    public long GetTimeMicroseconds(int column)
    {
        var info = GetColumn(column);
        var bytes = GetBytes(column);
        switch (info.RealType)
        {
            case ColumnType.Time:
                var raw = ((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16)) << 8) >> 8;
                var magnitude = Math.Abs(raw);
                var seconds = ((magnitude / 10000) * 3600L) + ((magnitude / 100 % 100) * 60L) + (magnitude % 100);
                return (raw < 0 ? -seconds : seconds) * MicrosPerSecond;
            case ColumnType.Time2:
                return Time2Micros(bytes, info.FractionalDigits);
            default:
                return WrongKind<long>(column, "GetTimeMicroseconds");
        }
    }

    /// <summary>
    /// TIME2: a 3-byte big-endian integer part offset by 0x800000 and a fraction of 0 to 3 bytes. Negative values
    /// keep their fraction in reverse order so that the bytes sort like the values (-0.01 s is 7FFFFF.FF), so a
    /// negative integer part with a fraction is moved one up and the fraction taken as its complement before the
    /// parts are combined the way the server packs them (integer part shifted by 24 bits plus microseconds).
    /// </summary>
    internal static long Time2Micros(ReadOnlySpan<byte> bytes, int fsp)
    {
        long packed;
        long integer = ReadBigEndian(bytes[..3]) - 0x80_0000;
        switch (fsp)
        {
            case 1:
            case 2:
                long fraction = bytes[3];
                if (integer < 0 && fraction != 0)
                {
                    integer++;
                    fraction -= 0x100;
                }

                packed = (integer << 24) + (fraction * 10000);
                break;
            case 3:
            case 4:
                long fraction2 = BinaryPrimitives.ReadUInt16BigEndian(bytes[3..]);
                if (integer < 0 && fraction2 != 0)
                {
                    integer++;
                    fraction2 -= 0x10000;
                }

                packed = (integer << 24) + (fraction2 * 100);
                break;
            case 5:
            case 6:
                packed = ReadBigEndian(bytes[..6]) - 0x8000_0000_0000L;
                break;
            default:
                packed = integer << 24;
                break;
        }

        return PackedTimeToMicros(packed);
    }

    /// <summary>Splits MySQL's packed TIME (hh:mm:ss in the high
    /// bits, microseconds in the low 24) into microseconds.</summary>
    internal static long PackedTimeToMicros(long packed)
    {
        var negative = packed < 0;
        var magnitude = negative ? -packed : packed;
        var hms = magnitude >> 24;
        var micros = magnitude & 0xFFFFFF;
        var hour = (hms >> 12) & 0x3FF;
        var minute = (hms >> 6) & 0x3F;
        var second = hms & 0x3F;
        var total = (((hour * 3600) + (minute * 60) + second) * MicrosPerSecond) + micros;
        return negative ? -total : total;
    }

    private static long ReadBigEndian(ReadOnlySpan<byte> bytes)
    {
        long value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static int ReadFraction(ReadOnlySpan<byte> bytes, int fsp) => fsp switch
    {
        1 or 2 => bytes[0] * 10000,
        3 or 4 => ((bytes[0] << 8) | bytes[1]) * 100,
        5 or 6 => (bytes[0] << 16) | (bytes[1] << 8) | bytes[2],
        _ => 0,
    };
}
