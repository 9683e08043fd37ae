using System.Text.RegularExpressions;

namespace Monolith.Shop.Schema;

/// <summary>The shop's schema (<c>data/shop.sql</c>, embedded) and the rules for database names.</summary>
public static partial class ShopSchema
{
    private const string ResourceName = "Monolith.Shop.shop.sql";

    private static readonly Lazy<string> s_sql = new(ReadSql);

    /// <summary>The tables of the shop, in the order they are created.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        ["categories", "products", "users", "orders", "order_items", "payments"];

    /// <summary>The schema's statements, to run with the shop's database as the current database.</summary>
    public static string Sql => s_sql.Value;

    /// <summary>The default database name.</summary>
    public const string DefaultDatabase = "shop";

    /// <summary>Checks that a database name is a plain identifier and returns it quoted with backticks.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than 64 characters or not plain.</exception>
    public static string QuoteDatabase(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!PlainIdentifier().IsMatch(database))
        {
            throw new ArgumentException(
                $"Database name '{database}' is not a plain identifier (1 to 64 letters, digits, '_' or '$').",
                nameof(database));
        }

        return "`" + database + "`";
    }

    private static string ReadSql()
    {
        using var stream = typeof(ShopSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[A-Za-z0-9_$]{1,64}$")]
    private static partial Regex PlainIdentifier();
}
