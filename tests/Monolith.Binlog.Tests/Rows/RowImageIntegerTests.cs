using Monolith.Binlog.Rows;
using static Monolith.Binlog.Tests.Support.RowsBuilder;

namespace Monolith.Binlog.Tests.Rows;

public class RowImageIntegerTests
{
    [Theory]
    [InlineData(ColumnType.Tiny, "7F", 127L, 127UL)]
    [InlineData(ColumnType.Tiny, "80", -128L, 128UL)]
    [InlineData(ColumnType.Tiny, "FF", -1L, 255UL)]
    [InlineData(ColumnType.Short, "0080", -32768L, 32768UL)]
    [InlineData(ColumnType.Short, "FFFF", -1L, 65535UL)]
    [InlineData(ColumnType.Int24, "000080", -8388608L, 8388608UL)]
    [InlineData(ColumnType.Int24, "FFFF7F", 8388607L, 8388607UL)]
    [InlineData(ColumnType.Int24, "FFFFFF", -1L, 16777215UL)]
    [InlineData(ColumnType.Long, "00000080", -2147483648L, 2147483648UL)]
    [InlineData(ColumnType.Long, "FFFFFFFF", -1L, 4294967295UL)]
    [InlineData(ColumnType.LongLong, "0000000000000080", long.MinValue, 9223372036854775808UL)]
    [InlineData(ColumnType.LongLong, "FFFFFFFFFFFFFFFF", -1L, ulong.MaxValue)]
    [InlineData(ColumnType.LongLong, "FFFFFFFFFFFFFF7F", long.MaxValue, 9223372036854775807UL)]
    public void Integer_widths_read_signed_and_unsigned(ColumnType type, string hex, long signed, ulong unsigned)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(signed, ReadSingle(new Column(type), bytes, image => image.GetInt64(0)));
        Assert.Equal(unsigned, ReadSingle(new Column(type, Unsigned: true), bytes, image => image.GetUInt64(0)));
        Assert.Equal(ValueKind.UnsignedInteger, Table(new Column(type, Unsigned: true)).Columns[0].Kind);
    }

    [Fact]
    public void Bigint_unsigned_max_overflows_int64_but_not_uint64()
    {
        var bytes = Convert.FromHexString("FFFFFFFFFFFFFFFF");
        Assert.Throws<OverflowException>(() =>
            ReadSingle(new Column(ColumnType.LongLong, Unsigned: true), bytes, image => image.GetInt64(0)));
        Assert.Throws<OverflowException>(() =>
            ReadSingle(new Column(ColumnType.LongLong), bytes, image => image.GetUInt64(0)));
    }

    [Theory]
    [InlineData("00", 0L)]
    [InlineData("01", 1901L)]
    [InlineData("7D", 2025L)]
    [InlineData("FF", 2155L)]
    public void Year_is_1900_plus_the_byte_and_zero_stays_zero(string hex, long year) =>
        Assert.Equal(year, ReadSingle(new Column(ColumnType.Year), Convert.FromHexString(hex), i => i.GetInt64(0)));

    [Theory]
    [InlineData(0x0001, "01", 1UL)]
    [InlineData(0x0003, "05", 5UL)]
    [InlineData(0x0100, "A5", 0xA5UL)]
    [InlineData(0x0304, "07B5578B", 0x7B5578BUL)]
    [InlineData(0x0800, "FFFFFFFFFFFFFFFF", ulong.MaxValue)]
    [InlineData(0x0800, "8000000000000001", 0x8000000000000001UL)]
    public void Bit_columns_of_1_to_64_bits_are_big_endian(ushort meta, string hex, ulong expected)
    {
        Assert.Equal(expected, ReadSingle(new Column(ColumnType.Bit, meta), Convert.FromHexString(hex),
            image => image.GetUInt64(0)));
        Assert.Equal(((meta >> 8) * 8) + (meta & 0xFF), Table(new Column(ColumnType.Bit, meta)).Columns[0].BitWidth);
    }

    [Theory]
    [InlineData(0xF701, "02", 2UL)]
    [InlineData(0xF702, "0401", 260UL)]
    [InlineData(0xF801, "05", 5UL)]
    [InlineData(0xF802, "0180", 0x8001UL)]
    [InlineData(0xF808, "0100000000000080", 0x8000000000000001UL)]
    public void Enum_and_set_of_one_or_more_bytes_are_little_endian(ushort meta, string hex, ulong expected)
    {
        var column = new Column(ColumnType.String, meta);
        Assert.Equal(expected, ReadSingle(column, Convert.FromHexString(hex), image => image.GetUInt64(0)));
        Assert.Equal((meta >> 8) == 0xF7 ? ValueKind.Enum : ValueKind.Set, Table(column).Columns[0].Kind);
    }

    [Fact]
    public void Float_widens_exactly_and_double_reads_as_stored()
    {
        Assert.Equal((double)1.1f, ReadSingle(new Column(ColumnType.Float, 4), BitConverter.GetBytes(1.1f),
            image => image.GetDouble(0)));
        Assert.Equal(1.1f, ReadSingle(new Column(ColumnType.Float, 4), BitConverter.GetBytes(1.1f),
            image => image.GetSingle(0)));
        Assert.Equal(-123456789.0987654321, ReadSingle(new Column(ColumnType.Double, 8),
            BitConverter.GetBytes(-123456789.0987654321), image => image.GetDouble(0)));
        Assert.Equal(double.Epsilon, ReadSingle(new Column(ColumnType.Double, 8),
            BitConverter.GetBytes(double.Epsilon), image => image.GetDouble(0)));
    }

    [Fact]
    public void Reading_a_column_with_the_wrong_accessor_is_an_invalid_operation()
    {
        Assert.Throws<InvalidOperationException>(() => ReadSingle(new Column(ColumnType.Double, 8),
            BitConverter.GetBytes(1.0), image => image.GetInt64(0)));
        Assert.Throws<InvalidOperationException>(() => ReadSingle(new Column(ColumnType.Long),
            [1, 0, 0, 0], image => image.GetDateTime(0)));
    }
}
