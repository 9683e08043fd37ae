using Monolith.Binlog.Tests.Support;

namespace Monolith.Binlog.Tests.Fixtures;

public class FixtureDumpProbe
{
    [Theory]
    [InlineData("rust_mysql_common/transaction_compression.000001")]
    [InlineData("rust_mysql_common/json.binlog.000001")]
    [InlineData("rust_mysql_common/json-opaque.binlog")]
    [InlineData("rust_mysql_common/vector.binlog")]
    [InlineData("rust_mysql_common/mysql-enum-string-set.000001")]
    [InlineData("rust_mysql_common/mysql_type_bit.000001")]
    [InlineData("rust_mysql_common/minimal_row_metadata.000001")]
    [InlineData("rust_mysql_common/time_issue.000001")]
    [InlineData("rust_mysql_common/binlog-invisible-columns.000001")]
    [InlineData("rust_mysql_common/binlog_transaction_with_GTID_TAG.000001")]
    [InlineData("rust_mysql_common/binlog_transaction_previous_GTID_no_tag.000001")]
    [InlineData("rust_mysql_common/mariadb-bin.000001")]
    [InlineData("rust_mysql_common/ver_trunk_row_v2.001")]
    [InlineData("mysql-binlog-connector-java/mysql-bin.compressed")]
    [InlineData("mysql-binlog-connector-java/mysql-bin.checksum-crc32")]
    [InlineData("mysql-binlog-connector-java/mysql-bin.checksum-none")]
    [InlineData("mysql-binlog-connector-java/mysql-bin.aurora-padding")]
    [InlineData("mysql-binlog-connector-java/mysql-bin.sakila.gz")]
    [InlineData("MySqlCdc/mysql-bin.000001")]
    public void Probe(string file)
    {
        var (consumer, stats) = FixtureDecoding.Decode(file);
        var dir = "/tmp/probe";
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, file.Replace('/', '_') + ".txt"),
            consumer.Rows.Take(200).Concat(consumer.Notices.Select(n => "# " + n.Message))
                .Append($"# {stats}"));
    }
}
