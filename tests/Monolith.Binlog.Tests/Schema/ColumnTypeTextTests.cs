using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Tests.Schema;

public sealed class ColumnTypeTextTests
{
    [Theory]
    [InlineData("enum('new','paid','shipped')", new[] { "new", "paid", "shipped" })]
    [InlineData("enum('it''s','a\\\\b','x,y','')", new[] { "it's", "a\\b", "x,y", "" })]
    [InlineData("set('red','green')", new[] { "red", "green" })]
    [InlineData("ENUM( 'a' , 'b' )", new[] { "a", "b" })]
    [InlineData("enum('é','😀')", new[] { "é", "😀" })]
    public void Enum_and_set_labels_are_read_with_quotes_and_escapes_undone(string columnType, string[] labels)
    {
        Assert.Equal(labels, ColumnTypeText.ParseLabels(columnType));
    }

    [Theory]
    [InlineData("int(11)")]
    [InlineData("varchar(20)")]
    [InlineData("decimal(12,2)")]
    [InlineData("longtext")]
    public void Other_types_have_no_labels(string columnType)
    {
        Assert.Null(ColumnTypeText.ParseLabels(columnType));
    }

    [Theory]
    [InlineData("enum('a")]
    [InlineData("enum(a,b)")]
    [InlineData("enum('a' 'b')")]
    public void Malformed_label_lists_are_refused(string columnType)
    {
        Assert.Throws<FormatException>(() => ColumnTypeText.ParseLabels(columnType));
    }

    [Theory]
    [InlineData("bigint(20) unsigned", true)]
    [InlineData("int(10) unsigned zerofill", true)]
    [InlineData("decimal(12,2) unsigned", true)]
    [InlineData("bigint(20)", false)]
    [InlineData("enum('unsigned')", false)]
    public void Unsigned_is_read_from_the_words_after_the_arguments(string columnType, bool unsigned)
    {
        Assert.Equal(unsigned, ColumnTypeText.IsUnsigned(columnType));
    }
}
