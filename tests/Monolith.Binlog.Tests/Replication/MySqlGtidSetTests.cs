using System.Buffers.Binary;
using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

public sealed class MySqlGtidSetTests
{
    private const string A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private const string B = "4a7e3b7f-0c2d-11ee-8c2a-0242ac120002";

    [Theory]
    [InlineData(A + ":1-5", A + ":1-5")]
    [InlineData(A + ":5", A + ":5")]
    [InlineData(A + ":1-5:7-9", A + ":1-5:7-9")]
    [InlineData(A + ":7-9:1-5", A + ":1-5:7-9")]
    [InlineData(A + ":1-5:6-9", A + ":1-9")]
    [InlineData(A + ":1-5:3-7", A + ":1-7")]
    [InlineData(B + ":1-3,\n" + A + ":1-2", A + ":1-2," + B + ":1-3")]
    [InlineData("3E11FA47-71CA-11E1-9E33-C80AA9429562:1", A + ":1")]
    [InlineData(A + ":1-2," + A + ":3", A + ":1-3")]
    [InlineData("", "")]
    public void Text_form_is_parsed_normalised_and_printed(string text, string expected)
    {
        Assert.Equal(expected, MySqlGtidSet.Parse(text).ToString());
    }

    [Theory]
    [InlineData("3e11fa47:1-5", "not 'uuid:range")]
    [InlineData(A, "not 'uuid:range")]
    [InlineData(A + ":0", "not a range")]
    [InlineData(A + ":5-3", "not a range")]
    [InlineData(A + ":1-x", "not a range")]
    [InlineData(A + ":tag:1-5", "tagged GTIDs")]
    [InlineData(A + ":1,," + B + ":1", "Empty entry")]
    public void Malformed_text_is_refused_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MySqlGtidSet.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_transactions_merges_adjacent_ranges()
    {
        var set = new MySqlGtidSet();
        set.Add(A, 3);
        set.Add(A, 1);
        set.Add(A, 2);
        set.Add(A, 10);
        set.Add(B, 7);

        Assert.Equal($"{A}:1-3:10,{B}:7", set.ToString());
        Assert.True(set.Contains(A, 2));
        Assert.False(set.Contains(A, 4));
        Assert.False(set.Contains(B, 1));
    }

    [Fact]
    public void Subset_holds_when_every_range_is_covered()
    {
        var large = MySqlGtidSet.Parse($"{A}:1-100,{B}:1-5");

        Assert.True(MySqlGtidSet.Parse($"{A}:3-9:50").IsSubsetOf(large));
        Assert.True(new MySqlGtidSet().IsSubsetOf(large));
        Assert.False(MySqlGtidSet.Parse($"{A}:99-101").IsSubsetOf(large));
        Assert.False(MySqlGtidSet.Parse("5f6e3b7f-0c2d-11ee-8c2a-0242ac120002:1").IsSubsetOf(large));
    }

    [Fact]
    public void Binary_encoding_follows_the_dump_gtid_layout()
    {
        var set = MySqlGtidSet.Parse($"{B}:1-3,{A}:1-5:7");

        var bytes = set.Encode();

        // Decoded field by field: count, then per source 16 UUID bytes, interval count, [start, end + 1).
        var span = bytes.AsSpan();
        Assert.Equal(2L, BinaryPrimitives.ReadInt64LittleEndian(span));
        Assert.Equal(Convert.FromHexString(A.Replace("-", "", StringComparison.Ordinal)), span.Slice(8, 16).ToArray());
        Assert.Equal(2L, BinaryPrimitives.ReadInt64LittleEndian(span[24..]));
        Assert.Equal(1L, BinaryPrimitives.ReadInt64LittleEndian(span[32..]));
        Assert.Equal(6L, BinaryPrimitives.ReadInt64LittleEndian(span[40..]));
        Assert.Equal(7L, BinaryPrimitives.ReadInt64LittleEndian(span[48..]));
        Assert.Equal(8L, BinaryPrimitives.ReadInt64LittleEndian(span[56..]));
        Assert.Equal(Convert.FromHexString(B.Replace("-", "", StringComparison.Ordinal)),
            span.Slice(64, 16).ToArray());
        Assert.Equal(1L, BinaryPrimitives.ReadInt64LittleEndian(span[80..]));
        Assert.Equal(1L, BinaryPrimitives.ReadInt64LittleEndian(span[88..]));
        Assert.Equal(4L, BinaryPrimitives.ReadInt64LittleEndian(span[96..]));
        Assert.Equal(104, bytes.Length);
    }

    [Fact]
    public void Empty_set_encodes_as_a_zero_count()
    {
        Assert.Equal(new byte[8], new MySqlGtidSet().Encode());
    }

    [Fact]
    public void Clone_is_independent()
    {
        var set = MySqlGtidSet.Parse($"{A}:1-5");
        var copy = set.Clone();
        set.Add(A, 6);

        Assert.Equal($"{A}:1-5", copy.ToString());
        Assert.Equal($"{A}:1-6", set.ToString());
    }
}
