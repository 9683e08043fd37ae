namespace Monolith.Binlog.Replication;

/// <summary>
/// The source's settings make change data capture impossible or wrong (no binlog, statement-based binlog, the
/// replica's server id taken). The problems say what to change.
/// </summary>
public sealed class BinlogServerSettingsException(string endpoint, IReadOnlyList<ServerSettingProblem> problems)
    : BinlogException($"The server {endpoint} cannot be replicated as configured: " +
        string.Join(" ", problems.Select(problem => problem.Message)))
{
    /// <summary>The problems of severity <see cref="ServerSettingSeverity.Error"/> found.</summary>
    public IReadOnlyList<ServerSettingProblem> Problems { get; } = problems;
}
