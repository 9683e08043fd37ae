using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Tests.Protocol;

public sealed class PayloadReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL, 1)]
    [InlineData(new byte[] { 0xFA }, 250UL, 1)]
    [InlineData(new byte[] { 0xFC, 0xFB, 0x00 }, 251UL, 3)]
    [InlineData(new byte[] { 0xFC, 0xFF, 0xFF }, 65535UL, 3)]
    [InlineData(new byte[] { 0xFD, 0x00, 0x00, 0x01 }, 65536UL, 4)]
    [InlineData(new byte[] { 0xFE, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 }, 0x0807060504030201UL, 9)]
    public void Length_encoded_integer_reads_each_width(byte[] bytes, ulong expected, int width)
    {
        var reader = new PayloadReader(bytes, "test packet");

        Assert.Equal(expected, reader.ReadLengthEncodedInteger());
        Assert.Equal(width, reader.Offset);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFC, 0x01 })]
    [InlineData(new byte[] { 0xFD, 0x01, 0x02 })]
    [InlineData(new byte[] { 0xFE, 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData(new byte[] { 0xFB })]
    [InlineData(new byte[] { 0xFF })]
    public void Length_encoded_integer_that_is_cut_or_invalid_is_not_read(byte[] bytes)
    {
        var reader = new PayloadReader(bytes, "test packet");

        Assert.False(reader.TryReadLengthEncodedInteger(out _));
        Assert.Equal(0, reader.Offset);
    }

    [Fact]
    public void Length_encoded_string_longer_than_the_payload_is_a_format_error_with_offset()
    {
        var bytes = new byte[] { 0x41, 0x05, 0x61, 0x62 };
        var message = "";
        try
        {
            var reader = new PayloadReader(bytes, "column definition packet");
            reader.ReadByte();
            reader.ReadLengthEncodedBytes();
        }
        catch (BinlogFormatException error)
        {
            message = error.Message;
        }

        Assert.Contains("column definition packet", message, StringComparison.Ordinal);
        Assert.Contains("5-byte string at offset 1", message, StringComparison.Ordinal);
        Assert.Contains("only 2 byte(s) remain", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_width_read_past_the_end_names_what_is_missing()
    {
        var message = "";
        try
        {
            var reader = new PayloadReader(new byte[] { 1, 2, 3 }, "OK packet");
            reader.ReadUInt32();
        }
        catch (BinlogFormatException error)
        {
            message = error.Message;
        }

        Assert.Equal(
            "The OK packet ends early: 4 more byte(s) needed at offset 0, but only 3 of its 3 bytes remain.", message);
    }

    [Fact]
    public void Null_terminated_string_stops_at_the_nul_and_skips_it()
    {
        var reader = new PayloadReader("abc\0de"u8, "test packet");

        Assert.Equal("abc", reader.ReadNullTerminatedString());
        Assert.Equal("de", reader.ReadNullTerminatedString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Writer_and_reader_agree_on_every_length_encoding()
    {
        ulong[] values = [0, 250, 251, 65535, 65536, 0xFFFFFF, 0x1000000, ulong.MaxValue];
        var writer = new PayloadWriter();
        foreach (var value in values)
        {
            writer.WriteLengthEncodedInteger(value);
        }

        var reader = new PayloadReader(writer.WrittenSpan, "test packet");
        foreach (var value in values)
        {
            Assert.Equal(value, reader.ReadLengthEncodedInteger());
        }

        Assert.True(reader.IsAtEnd);
    }
}
