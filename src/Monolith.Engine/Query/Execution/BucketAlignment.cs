using Monolith.Engine.Query.Expressions;
using Monolith.Engine.Rollups;
using Monolith.Engine.Time;

namespace Monolith.Engine.Query.Execution;

/// <summary>
/// Proves, bucket by bucket, that a time expression is constant over each rollup bucket, which is what makes
/// grouping rollup buckets by it exact. An expression is a function of the time column through "atoms"
/// (TIME_FLOOR, FLOOR(.. TO ..), EXTRACT, ...), each a function of some granularity's bucket; an atom is constant
/// over a rollup bucket when the bucket's first and last millisecond fall into the same atom bucket. Bare uses
/// of <c>__time</c> read the bucket start and are constant by definition.
/// </summary>
internal sealed class BucketAlignment
{
    private readonly Granularity _rollup;
    private readonly string _rollupName;
    private readonly IReadOnlyList<(Granularity Granularity, string Text)> _atoms;

    // Per atom, the atom bucket the last rollup bucket fell into: consecutive rollup buckets mostly share it.
    private readonly long[] _atomStart;
    private readonly long[] _atomEnd;
    private long _last = long.MinValue;

    private BucketAlignment(Granularity rollup, string rollupName, IReadOnlyList<(Granularity, string)> atoms)
    {
        _rollup = rollup;
        _rollupName = rollupName;
        _atoms = atoms;
        _atomStart = Enumerable.Repeat(long.MaxValue, atoms.Count).ToArray();
        _atomEnd = new long[atoms.Count];
    }

    /// <summary>A check for the time atoms of <paramref name="expr"/>, or null when it has none to check.</summary>
    public static BucketAlignment? For(Expr expr, RollupVersion version, string text)
    {
        var atoms = new List<(Granularity, string)>();
        Collect(expr, atoms, text);
        return atoms.Count == 0 ? null : new BucketAlignment(version.Definition.Granularity, version.Definition.Name,
            atoms);
    }

    /// <summary>A check for one granularity, as native queries' granularity asks.</summary>
    public static BucketAlignment ForGranularity(Granularity granularity, RollupVersion version, string text) =>
        new(version.Definition.Granularity, version.Definition.Name, [(granularity, text)]);

    private static void Collect(Expr expr, List<(Granularity, string)> atoms, string text)
    {
        if (expr is TimeBucketExpr bucket && bucket.Timestamp is ColumnExpr { Slot: RollupLayout.TimeSlot })
        {
            if (bucket.Granularity.Kind is not GranularityKind.All)
            {
                atoms.Add((bucket.Granularity, text));
            }

            return;
        }

        foreach (var child in expr.Children)
        {
            Collect(child, atoms, text);
        }
    }

    /// <summary>Checks that the rollup bucket starting at <paramref name="bucket"/> lies inside one bucket of every
    /// atom, that is, ends no later than the atom bucket containing its start.</summary>
    public void Verify(long bucket)
    {
        if (bucket == _last)
        {
            return;
        }

        _last = bucket;
        var end = _rollup.Next(bucket);
        for (var a = 0; a < _atoms.Count; a++)
        {
            var (granularity, text) = _atoms[a];
            if (bucket < _atomStart[a] || bucket >= _atomEnd[a])
            {
                _atomStart[a] = granularity.BucketStart(bucket);
                _atomEnd[a] = granularity.Next(_atomStart[a]);
            }

            if (end > _atomEnd[a])
            {
                throw new QueryException(QueryErrorCode.Unsupported,
                    $"{text} splits the buckets of rollup '{_rollupName}' ({_rollup}): the bucket starting " +
                    $"{DruidTime.FormatIso(bucket)} would have to be divided, so the answer would not be exact; " +
                    "group by a granularity the rollup's buckets fit into");
            }
        }
    }
}
