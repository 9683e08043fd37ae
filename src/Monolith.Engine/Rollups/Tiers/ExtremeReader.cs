using System.Numerics;
using System.Runtime.CompilerServices;
using Monolith.Engine.Query;
using Monolith.Engine.Rollups.Metrics;

namespace Monolith.Engine.Rollups.Tiers;

/// <summary>A published MIN or MAX metric read with its order keys widened to 128 bits (the keys are 64-bit or
/// 128-bit integers), so that tiers and typed loops need one code path for both.</summary>
internal abstract class ExtremeReader
{
    public abstract bool IsMax { get; }

    /// <summary>Rows of the group whose value was not NULL.</summary>
    public abstract long NonNull(int group, long rowCount);

    /// <summary>The group's extreme as an order key.</summary>
    public abstract Int128 Key(int group);

    public abstract QueryValue Decode(Int128 key);

    /// <summary>A reader of <paramref name="snapshot"/>, or null when it is not a MIN or MAX metric.</summary>
    public static ExtremeReader? Of(MetricSnapshot? snapshot) => snapshot switch
    {
        MinMaxSnapshot<long> longs => new Typed<long>(longs),
        MinMaxSnapshot<Int128> wide => new Typed<Int128>(wide),
        _ => null,
    };

    private sealed class Typed<TKey>(MinMaxSnapshot<TKey> snapshot) : ExtremeReader
        where TKey : unmanaged, IEquatable<TKey>, IComparisonOperators<TKey, TKey, bool>
    {
        public override bool IsMax => snapshot.IsMax;

        public override long NonNull(int group, long rowCount) => NullTracker.Read(snapshot.NonNull, group, rowCount);

        public override Int128 Key(int group)
        {
            var key = snapshot.Extremes[group];
            return typeof(TKey) == typeof(long) ? Unsafe.As<TKey, long>(ref key) : Unsafe.As<TKey, Int128>(ref key);
        }

        public override QueryValue Decode(Int128 key)
        {
            if (typeof(TKey) == typeof(long))
            {
                var narrow = (long)key;
                return snapshot.Decode(Unsafe.As<long, TKey>(ref narrow));
            }

            return snapshot.Decode(Unsafe.As<Int128, TKey>(ref key));
        }
    }
}
