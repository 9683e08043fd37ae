namespace Monolith.Binlog.Schema;

/// <summary>Character set names as the server reports them.</summary>
internal static class CharacterSets
{
    /// <summary>The character set of a collation: the part before the first underscore (<c>utf8mb4_bin</c>).</summary>
    public static string FromCollation(string collation)
    {
        var underscore = collation.IndexOf('_', StringComparison.Ordinal);
        return Normalize(underscore > 0 ? collation[..underscore] : collation);
    }

    /// <summary>Lower case; <c>utf8</c> is <c>utf8mb3</c>, as MariaDB 10.6 and MySQL 8 report it.</summary>
    public static string Normalize(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower == "utf8" ? "utf8mb3" : lower;
    }
}
