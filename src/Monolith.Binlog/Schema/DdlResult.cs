namespace Monolith.Binlog.Schema;

/// <summary>The outcome of passing a statement to <see cref="SchemaHistory.ApplyStatement"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Tables">The tables concerned, as <c>database.table</c>.</param>
/// <param name="Reason">Why a statement was not interpreted, or null.</param>
public sealed record DdlResult(DdlOutcome Outcome, IReadOnlyList<string> Tables, string? Reason = null)
{
    internal static DdlResult None { get; } = new(DdlOutcome.NotSchemaChange, []);
}
