using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

public sealed partial class ServerInfo
{
    /// <summary>
    /// Lists, in plain words, what stands in the way of a change-data-capture replica reading this server:
    /// errors first, then warnings, then notices. An empty list means everything is as recommended.
    /// </summary>
    /// <param name="replicaServerId">The <c>server_id</c> this replica registers with.</param>
    /// <param name="start">The configured start, to check that GTID starts are possible; null to skip.</param>
    public IReadOnlyList<ServerSettingProblem> Validate(uint replicaServerId, ReplicationStart? start = null)
    {
        var problems = new List<ServerSettingProblem>();
        CheckBinlog(problems);
        CheckIdentity(problems, replicaServerId);
        CheckPrivileges(problems);
        CheckGtids(problems, start);
        CheckRetention(problems);
        return [.. problems.OrderByDescending(problem => problem.Severity)];
    }

    private void CheckBinlog(List<ServerSettingProblem> problems)
    {
        if (!LogBin)
        {
            problems.Add(new(ServerSettingSeverity.Error, "log_bin",
                "The server writes no binary log (log_bin is OFF), so there is nothing to replicate. Start it with " +
                "log_bin and a server_id in its configuration."));
            return;
        }

        if (!BinlogFormat.Equals("ROW", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ServerSettingSeverity.Error, "binlog_format",
                $"binlog_format is {BinlogFormat}; row changes are only in the binlog with binlog_format=ROW. " +
                "Run SET GLOBAL binlog_format='ROW' and put binlog_format=ROW in the server's configuration " +
                "(sessions already open keep the old format until they reconnect)."));
        }

        if (!BinlogRowImage.Equals("FULL", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ServerSettingSeverity.Warning, "binlog_row_image",
                $"binlog_row_image is {BinlogRowImage}: UPDATE and DELETE events then carry only some columns of " +
                "the old row, so rollups cannot retract the old values of the others. Set binlog_row_image=FULL."));
        }

        if (Get("binlog_row_value_options") is { } options &&
            options.Contains("PARTIAL_JSON", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ServerSettingSeverity.Warning, "binlog_row_value_options",
                "binlog_row_value_options is PARTIAL_JSON: updated JSON columns arrive as differences, not " +
                "values. Set it to an empty value."));
        }

        if (BinlogChecksum.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ServerSettingSeverity.Notice, "binlog_checksum",
                "binlog_checksum is NONE: events carry no CRC32, so damage on disk or on the way goes unnoticed. " +
                "binlog_checksum=CRC32 is recommended."));
        }

        if (BinlogRowMetadata is { } metadata && !metadata.Equals("FULL", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ServerSettingSeverity.Notice, "binlog_row_metadata",
                $"binlog_row_metadata is {metadata}: column names and types come from information_schema, which " +
                "shows the table as it is now, not as it was when an old event was written. With " +
                "binlog_row_metadata=FULL every event carries its own column names."));
        }
    }

    private void CheckIdentity(List<ServerSettingProblem> problems, uint replicaServerId)
    {
        if (replicaServerId == 0)
        {
            problems.Add(new(ServerSettingSeverity.Error, "server_id",
                "The replica's ServerId is 0; a replica needs a server id above 0 that no other server or replica " +
                "of this source uses."));
        }
        else if (replicaServerId == ServerId)
        {
            problems.Add(new(ServerSettingSeverity.Error, "server_id",
                $"The replica's ServerId {replicaServerId} equals the source's own server_id; choose another one, " +
                "used by no other server or replica of this source."));
        }
    }

    private void CheckPrivileges(List<ServerSettingProblem> problems)
    {
        if (GlobalPrivileges.Contains("ALL PRIVILEGES"))
        {
            return;
        }

        if (!GlobalPrivileges.Contains("REPLICATION SLAVE"))
        {
            problems.Add(new(ServerSettingSeverity.Error, "privileges",
                "The user lacks the REPLICATION SLAVE privilege on *.*, without which the server refuses to " +
                "stream its binlog: GRANT REPLICATION SLAVE ON *.* TO the user."));
        }

        var clientPrivilege = Flavor == ServerFlavor.MariaDb && Version.IsAtLeast(10, 5, 2)
            ? "BINLOG MONITOR"
            : "REPLICATION CLIENT";
        if (!GlobalPrivileges.Contains("REPLICATION CLIENT") && !GlobalPrivileges.Contains("BINLOG MONITOR"))
        {
            problems.Add(new(ServerSettingSeverity.Error, "privileges",
                $"The user lacks the {clientPrivilege} privilege on *.*, needed to list binlog files and read the " +
                $"current position (starts 'earliest' and 'latest'): GRANT {clientPrivilege} ON *.* TO the user."));
        }

        if (!GlobalPrivileges.Contains("SELECT"))
        {
            problems.Add(new(ServerSettingSeverity.Warning, "privileges",
                "The user has no global SELECT privilege: information_schema shows only the tables it may read, so " +
                "columns of other tables are named @1, @2, ... Grant SELECT on the captured tables or *.*."));
        }
    }

    private void CheckGtids(List<ServerSettingProblem> problems, ReplicationStart? start)
    {
        if (start is null || !start.IsGtid)
        {
            return;
        }

        if (start.Gtids!.Flavor != Flavor)
        {
            problems.Add(new(ServerSettingSeverity.Error, "Start",
                $"The start '{start}' is a {start.Gtids.Flavor} GTID, but the server is {Flavor}."));
        }
        else if (Flavor == ServerFlavor.MySql && !GtidMode.Equals("ON", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ServerSettingSeverity.Error, "gtid_mode",
                $"The start is a GTID set but gtid_mode is {GtidMode}; turn GTIDs on (gtid_mode=ON with " +
                "enforce_gtid_consistency=ON) or start from a binlog position."));
        }
    }

    private void CheckRetention(List<ServerSettingProblem> problems)
    {
        if (BinlogRetention is { } retention && retention < TimeSpan.FromDays(1))
        {
            problems.Add(new(ServerSettingSeverity.Warning, "binlog_expire_logs_seconds",
                $"Binlog files are kept for only {retention}; a replica stopped for longer loses its position and " +
                "must start over. Keep them for at least a few days."));
        }
    }
}
