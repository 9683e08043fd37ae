using System.Runtime.CompilerServices;
using Monolith.Engine.Time;

namespace Monolith.Engine.Rollups.Tiers;

/// <summary>
/// The tiers of one rollup: its groups summed per hour and per day, for whichever of those is coarser than the
/// rollup's own buckets. Created with the first query that asks, and brought up to date by the queries that use
/// them (see <see cref="RollupTier"/>); the writer does no work for them.
/// </summary>
internal sealed class RollupTiers
{
    private static readonly ConditionalWeakTable<Rollup, RollupTiers> s_tiers = new();
    private static readonly string[] s_periods = ["P1D", "PT1H"];

    private readonly RollupTier[] _tiers;

    private RollupTiers(RollupDefinition definition)
    {
        var fine = definition.Granularity;
        var tiers = new List<RollupTier>();
        if (fine.Kind == GranularityKind.Period)
        {
            // A sample bucket tells whether a tier is coarser; a bucket that does not fit disables the tier.
            const long Sample = 1_577_836_800_000;
            var fineWidth = fine.Next(fine.BucketStart(Sample)) - fine.BucketStart(Sample);
            foreach (var period in s_periods)
            {
                var coarse = Granularity.Of(IsoPeriod.Parse(period), fine.TimeZone);
                if (coarse.Next(coarse.BucketStart(Sample)) - coarse.BucketStart(Sample) > fineWidth)
                {
                    tiers.Add(new RollupTier(definition, coarse));
                }
            }
        }

        _tiers = [.. tiers];
    }

    /// <summary>The tiers of <paramref name="rollup"/>.</summary>
    public static RollupTiers Of(Rollup rollup) => s_tiers.GetValue(rollup, r => new RollupTiers(r.Definition));

    /// <summary>The tiers as of <paramref name="version"/>, coarsest first; those that cannot serve it are left
    /// out.</summary>
    public IReadOnlyList<TierSnapshot> At(RollupVersion version)
    {
        if (_tiers.Length == 0)
        {
            return [];
        }

        var snapshots = new List<TierSnapshot>(_tiers.Length);
        foreach (var tier in _tiers)
        {
            if (tier.At(version) is { } snapshot)
            {
                snapshots.Add(snapshot);
            }
        }

        return snapshots;
    }
}
