namespace Monolith.Binlog.Replication;

/// <summary>One thing wrong with a server's settings for this replica, in plain words.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Setting">The variable or privilege concerned, for example <c>binlog_format</c>.</param>
/// <param name="Message">What is wrong, why it matters, and how to fix it.</param>
public sealed record ServerSettingProblem(ServerSettingSeverity Severity, string Setting, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity}: {Setting}: {Message}";
}
