using Monolith.Shop.Schema;

namespace Monolith.Shop.Bulk;

/// <summary>What <see cref="ShopBulkLoader"/> writes: how many orders, over which period, in which chunks.</summary>
public sealed class BulkLoadOptions
{
    /// <summary>
    /// Server, user and password (a MySqlConnector connection string); any database in it is ignored.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The shop's database, created by <see cref="ShopDatabase.CreateAsync"/> (its users and products are used).
    /// </summary>
    public string Database { get; init; } = ShopSchema.DefaultDatabase;

    /// <summary>
    /// Orders to add; each gets 1 to 6 items, and a payment unless it is still pending or was cancelled.
    /// </summary>
    public long Orders { get; init; } = 1_000_000;

    /// <summary>The seed of every value: the same seed over the same database gives the same rows.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Orders per chunk; each chunk is one transaction of three INSERT ... SELECT statements.</summary>
    public int ChunkSize { get; init; } = 50_000;

    /// <summary>The shop's wall clock at the first order (orders.created_at is a DATETIME).</summary>
    public DateTime Start { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// The period the orders are spread over, in order of id; the last 3 % of it holds the open orders.
    /// </summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(90);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        ShopSchema.QuoteDatabase(Database);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Orders, nameof(Orders));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkSize, 1, nameof(ChunkSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ChunkSize, 1_000_000, nameof(ChunkSize));
        if (Span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Span), Span, "The span must be positive.");
        }
    }
}
