using Monolith.Binlog.Protocol;
using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

public sealed class ServerInfoTests
{
    [Fact]
    public void Recommended_mysql_settings_give_no_problem()
    {
        var info = MySql(FakeSource.MySqlVariables());

        Assert.Empty(info.Validate(4201));
        Assert.Equal("ON", info.GtidMode);
        Assert.Equal(TimeSpan.FromDays(30), info.BinlogRetention);
        Assert.Equal($"{FakeSource.Uuid}:1-10", info.PurgedGtids!.ToString());
    }

    [Theory]
    [InlineData("log_bin", "OFF", ServerSettingSeverity.Error, "log_bin")]
    [InlineData("binlog_format", "STATEMENT", ServerSettingSeverity.Error, "binlog_format=ROW")]
    [InlineData("binlog_format", "MIXED", ServerSettingSeverity.Error, "binlog_format=ROW")]
    [InlineData("binlog_row_image", "MINIMAL", ServerSettingSeverity.Warning, "binlog_row_image=FULL")]
    [InlineData("binlog_checksum", "NONE", ServerSettingSeverity.Notice, "CRC32")]
    [InlineData("binlog_row_metadata", "MINIMAL", ServerSettingSeverity.Notice, "binlog_row_metadata=FULL")]
    [InlineData("binlog_row_value_options", "PARTIAL_JSON", ServerSettingSeverity.Warning, "differences")]
    [InlineData("binlog_expire_logs_seconds", "3600", ServerSettingSeverity.Warning, "01:00:00")]
    public void Each_setting_that_hurts_cdc_is_explained(string variable, string value,
        ServerSettingSeverity severity, string advice)
    {
        var variables = FakeSource.MySqlVariables();
        variables[variable] = value;

        var problem = Assert.Single(MySql(variables).Validate(4201));

        Assert.Equal(severity, problem.Severity);
        Assert.Contains(advice, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replica_server_id_equal_to_the_sources_is_an_error()
    {
        var problem = Assert.Single(MySql(FakeSource.MySqlVariables()).Validate(1));

        Assert.Equal("server_id", problem.Setting);
        Assert.Equal(ServerSettingSeverity.Error, problem.Severity);
    }

    [Fact]
    public void Missing_replication_privileges_are_named_with_the_grant_to_run()
    {
        var info = ServerInfo.Create("db:3306", ServerVersion.Parse("5.5.5-10.11.19-MariaDB"),
            new Dictionary<string, string>
            {
                ["log_bin"] = "ON", ["binlog_format"] = "ROW", ["binlog_row_image"] = "FULL",
                ["binlog_checksum"] = "CRC32", ["server_id"] = "1", ["binlog_row_metadata"] = "FULL",
            },
            ["SELECT"], null);

        var problems = info.Validate(4201);

        Assert.Contains(problems, p => p.Message.Contains("GRANT REPLICATION SLAVE", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("GRANT BINLOG MONITOR", StringComparison.Ordinal));
    }

    [Fact]
    public void Mysql_gtid_start_needs_gtid_mode_on()
    {
        var variables = FakeSource.MySqlVariables();
        variables["gtid_mode"] = "OFF_PERMISSIVE";

        var problems = MySql(variables).Validate(4201, ReplicationStart.Parse($"{FakeSource.Uuid}:1-5"));

        Assert.Contains(problems, p => p.Setting == "gtid_mode" && p.Severity == ServerSettingSeverity.Error);
        Assert.Contains(MySql(FakeSource.MySqlVariables()).Validate(4201, ReplicationStart.Parse("0-1-5")),
            p => p.Setting == "Start");
    }

    [Fact]
    public void Grant_lines_yield_privilege_names_only()
    {
        var privileges = ServerInfo.ParseGlobalPrivileges(
        [
            "GRANT SELECT, RELOAD, BINLOG MONITOR, REPLICATION SLAVE ON *.* TO `monolith`@`127.0.0.1` " +
            "IDENTIFIED BY PASSWORD '*2A595715A6E6463968536B693FEA6493F294D56D'",
            "GRANT ALL PRIVILEGES ON `shop`.* TO `monolith`@`127.0.0.1`",
        ]);

        Assert.Equal(["BINLOG MONITOR", "RELOAD", "REPLICATION SLAVE", "SELECT"], privileges.Order());
    }

    private static ServerInfo MySql(Dictionary<string, string> variables) =>
        ServerInfo.Create("db:3306", ServerVersion.Parse(variables["version"]), variables,
            ["REPLICATION SLAVE", "REPLICATION CLIENT", "SELECT"], [new BinaryLogFile("binlog.000001", 100)]);
}
