using System.Numerics;

namespace Monolith.Engine.Rollups.Sketches;

/// <summary>
/// HyperLogLog registers over 64-bit hashes with 2^12 registers (about 1.6% standard error), merged by taking
/// the larger register. Used by APPROX_COUNT_DISTINCT once a group has more distinct values than it keeps
/// exactly, and by queries merging many groups.
/// </summary>
internal static class HyperLogLog
{
    public const int Precision = 12;
    public const int RegisterCount = 1 << Precision;

    /// <summary>Records a hash in <paramref name="registers"/>.</summary>
    public static void Add(byte[] registers, ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    /// <summary>Merges <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static void Merge(byte[] target, byte[] source)
    {
        for (var i = 0; i < RegisterCount; i++)
        {
            if (source[i] > target[i])
            {
                target[i] = source[i];
            }
        }
    }

    /// <summary>The cardinality estimate, with linear counting for small cardinalities.</summary>
    public static long Estimate(byte[] registers)
    {
        const double m = RegisterCount;
        var alpha = 0.7213 / (1 + (1.079 / m));
        double sum = 0;
        var zeros = 0;
        for (var i = 0; i < RegisterCount; i++)
        {
            sum += Math.ScaleB(1, -registers[i]);
            zeros += registers[i] == 0 ? 1 : 0;
        }

        var estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0)
        {
            estimate = m * Math.Log(m / zeros);
        }

        return (long)Math.Round(estimate);
    }
}
