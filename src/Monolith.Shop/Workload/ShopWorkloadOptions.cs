using Monolith.Shop.Schema;

namespace Monolith.Shop.Workload;

/// <summary>
/// How <see cref="ShopWorkload"/> drives the shop. With one connection and the same seed, starting from the same
/// database contents, the sequence of statements is the same on every run.
/// </summary>
public sealed class ShopWorkloadOptions
{
    /// <summary>
    /// Server, user and password (a MySqlConnector connection string); any database in it is ignored.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>The shop's database, created by <see cref="ShopDatabase.CreateAsync"/>.</summary>
    public string Database { get; init; } = ShopSchema.DefaultDatabase;

    /// <summary>The seed of every choice the workload makes.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>
    /// Target transactions per second over all connections; null (or 0) means as fast as the server goes.
    /// </summary>
    public double? Rate { get; init; }

    /// <summary>
    /// Concurrent connections, each with its own users and orders; products and categories are shared.
    /// </summary>
    public int Connections { get; init; } = 1;

    /// <summary>
    /// Stop after this long. With neither this nor <see cref="MaxTransactions"/>, run until cancelled.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after this many committed or failed transactions.</summary>
    public long? MaxTransactions { get; init; }

    /// <summary>Where timestamps come from.</summary>
    public ShopTimeMode TimeMode { get; init; } = ShopTimeMode.Real;

    /// <summary>The first instant in <see cref="ShopTimeMode.Simulated"/> mode.</summary>
    public DateTimeOffset SimulatedStart { get; init; } = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far the simulated clock advances per transaction.</summary>
    public TimeSpan SimulatedStep { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The zone of the shop's wall clock, which DATETIME columns (<c>created_at</c>) hold: an IANA name such as
    /// <c>Europe/Berlin</c>, or <c>UTC</c>. TIMESTAMP columns always hold instants.
    /// </summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The relative frequency of each transaction kind.</summary>
    public TransactionMix Mix { get; init; } = TransactionMix.Default;

    /// <summary>
    /// How often a transaction that hit a deadlock or lock wait timeout is run again before it counts as failed.
    /// </summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>
    /// Called on the connection's thread right after each COMMIT is acknowledged; keep it short, it delays the next
    /// transaction of that connection.
    /// </summary>
    public Action<CommitInfo>? OnCommit { get; init; }

    internal TimeZoneInfo ResolveTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException($"Time zone '{TimeZone}' is not known on this machine.", nameof(TimeZone), e);
        }
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        ShopSchema.QuoteDatabase(Database);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Connections, nameof(Connections));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Connections, 256, nameof(Connections));
        if (Rate is < 0 || Rate is double.NaN)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Rate), Rate, "The rate must be positive, or null for no limit.");
        }

        if (Duration is { } duration && duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), duration, "The duration must be positive.");
        }

        if (MaxTransactions is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTransactions), MaxTransactions, "Must be positive.");
        }

        if (SimulatedStep <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SimulatedStep), SimulatedStep, "The step must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentNullException.ThrowIfNull(Mix, nameof(Mix));
        ResolveTimeZone();
    }
}
