using System.Collections;
using System.Globalization;

namespace Monolith.Shop.Verification;

/// <summary>The groups of a ground-truth query, ordered by bucket then dimensions, with look-up by key.</summary>
public sealed class GroundTruthResult : IReadOnlyList<GroundTruthRow>
{
    private readonly List<GroundTruthRow> _rows;
    private readonly Dictionary<string, GroundTruthRow> _byKey;

    internal GroundTruthResult(GroundTruthQuery query, string sql, List<GroundTruthRow> rows)
    {
        Query = query;
        Sql = sql;
        _rows = rows;
        _byKey = rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
    }

    /// <summary>What was asked.</summary>
    public GroundTruthQuery Query { get; }

    /// <summary>The MariaDB statement that computed the answer.</summary>
    public string Sql { get; }

    public int Count => _rows.Count;

    public GroundTruthRow this[int index] => _rows[index];

    /// <summary>The group with this bucket and these dimension values, or null when there is none.</summary>
    public GroundTruthRow? Find(long bucketMs, params string?[] dimensions) =>
        _byKey.GetValueOrDefault(KeyOf(bucketMs, dimensions));

    public IEnumerator<GroundTruthRow> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string KeyOf(long bucketMs, IEnumerable<string?> dimensions) =>
        bucketMs.ToString(CultureInfo.InvariantCulture) + "\u001f"
        + string.Join("\u001f", dimensions.Select(d => d ?? "\u0000"));
}
