namespace Monolith.Shop.Workload;

/// <summary>What a committed plan did: rows changed per statement and the user variables read back.</summary>
internal sealed record TransactionOutcome(long[] Affected, ulong[] Variables);
