namespace Monolith.Shop.Schema;

/// <summary>
/// What <see cref="ShopDatabase.CreateAsync"/> creates: the database and the size of its reference data.
/// </summary>
public sealed class ShopDatabaseOptions
{
    /// <summary>
    /// Server, user and password (a MySqlConnector connection string); any database in it is ignored.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>The database to create; a plain identifier.</summary>
    public string Database { get; init; } = ShopSchema.DefaultDatabase;

    /// <summary>The seed for the reference data: the same seed gives the same rows.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Number of categories (top-level first, then sub-categories), at least 2.</summary>
    public int Categories { get; init; } = 28;

    /// <summary>Number of products.</summary>
    public int Products { get; init; } = 200;

    /// <summary>Number of registered users.</summary>
    public int Users { get; init; } = 1000;

    /// <summary>
    /// The shop's wall-clock "now" for the reference data: users and products were created during the year before
    /// it. Null means the current UTC time, truncated to the day; give a value for reproducible contents.
    /// </summary>
    public DateTime? Now { get; init; }

    /// <summary>Drop the database first, so it starts empty.</summary>
    public bool Recreate { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        ShopSchema.QuoteDatabase(Database);
        if (Categories < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Categories), Categories, "At least 2 categories are needed.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Products, nameof(Products));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Users, nameof(Users));
    }
}
