using Monolith.Binlog.Decoding;
using Monolith.Binlog.Files;
using Monolith.Binlog.Tests.Support;

namespace Monolith.Binlog.Tests.Fixtures;

/// <summary>
/// Every row change decoded from a fixture equals, value for value, what the independent <c>mariadb-binlog</c>
/// printed for the same file (kept in <c>_derived/</c>).
/// </summary>
public class MariadbBinlogAgreementTests
{
    [Theory]
    [InlineData("mysql-binlog-connector-java/mysql-bin.checksum-crc32",
        "_derived/mysql-binlog-connector-java_mysql-bin.checksum-crc32.mariadb-binlog-10.11.txt", 63)]
    [InlineData("mysql-binlog-connector-java/mysql-bin.checksum-none",
        "_derived/mysql-binlog-connector-java_mysql-bin.checksum-none.mariadb-binlog-10.11.txt", 36)]
    [InlineData("mysql-binlog-connector-java/mysql-bin.sakila.gz",
        "_derived/mysql-binlog-connector-java_mysql-bin.sakila.mariadb-binlog-10.11.txt.gz", 47273)]
    [InlineData("rust_mysql_common/binlog-invisible-columns.000001",
        "_derived/rust_mysql_common_binlog-invisible-columns.000001.mariadb-binlog-10.11.txt", 3)]
    [InlineData("rust_mysql_common/mariadb-bin.000001",
        "_derived/rust_mysql_common_mariadb-bin.000001.mariadb-binlog-10.11.txt", 2)]
    [InlineData("rust_mysql_common/minimal_row_metadata.000001",
        "_derived/rust_mysql_common_minimal_row_metadata.000001.mariadb-binlog-10.11.txt", 1)]
    [InlineData("rust_mysql_common/mysql-enum-string-set.000001",
        "_derived/rust_mysql_common_mysql-enum-string-set.000001.mariadb-binlog-10.11.txt", 3)]
    [InlineData("rust_mysql_common/mysql_type_bit.000001",
        "_derived/rust_mysql_common_mysql_type_bit.000001.mariadb-binlog-10.11.txt", 1)]
    [InlineData("rust_mysql_common/time_issue.000001",
        "_derived/rust_mysql_common_time_issue.000001.mariadb-binlog-10.11.txt", 1)]
    [InlineData("rust_mysql_common/ver_trunk_row_v2.001",
        "_derived/rust_mysql_common_ver_trunk_row_v2.001.mariadb-binlog-10.11.txt", 5)]
    public async Task Rows_equal_mariadb_binlog_output(string binlog, string expectedText, int expectedCount)
    {
        var expected = MariadbBinlogText.ReadChanges(expectedText);
        var consumer = new MariadbNotationConsumer();
        using (var decoder = new BinlogDecoder(consumer))
        {
            await new BinlogFileReader(decoder).ReadFileAsync(FixtureFiles.PathOf(binlog));
        }

        Assert.Equal(expectedCount, expected.Count);
        Assert.Equal(expected.Count, consumer.Changes.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], consumer.Changes[i]);
        }
    }
}
