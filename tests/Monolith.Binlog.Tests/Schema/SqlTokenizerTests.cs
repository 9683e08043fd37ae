using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Tests.Schema;

public sealed class SqlTokenizerTests
{
    [Fact]
    public void Comments_are_skipped_and_executable_comments_are_read()
    {
        var tokens = SqlTokenizer.Tokenize(
            "/* leading */ ALTER -- line\nTABLE # hash\n t /*!50100 ADD c INT */ /*M!100301 , ADD d INT*/");

        Assert.Equal(["ALTER", "TABLE", "t", "ADD", "c", "INT", ",", "ADD", "d", "INT"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Quoted_names_and_strings_undo_their_escapes()
    {
        var tokens = SqlTokenizer.Tokenize("`a``b` 'it''s' 'x\\'y' \"q\"");

        Assert.Equal([SqlTokenKind.QuotedName, SqlTokenKind.String, SqlTokenKind.String, SqlTokenKind.String],
            tokens.Select(t => t.Kind));
        Assert.Equal(["a`b", "it's", "x'y", "q"], tokens.Select(t => t.Text));
    }

    [Theory]
    [InlineData("ALTER TABLE `t ADD c INT", 12)]
    [InlineData("ALTER TABLE t COMMENT 'x", 22)]
    [InlineData("ALTER TABLE t /* open", 14)]
    public void Unterminated_quotes_and_comments_name_their_offset(string sql, int offset)
    {
        var error = Assert.Throws<DdlSyntaxException>(() => SqlTokenizer.Tokenize(sql));

        Assert.Equal(offset, error.Offset);
    }
}
