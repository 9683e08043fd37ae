namespace Monolith.Engine.Rollups.Sketches;

/// <summary>
/// Per-group state of APPROX_COUNT_DISTINCT. While the group has at most a configured number of distinct
/// values it keeps each value's 64-bit hash with a signed count, so deletions and updates retract exactly and
/// the estimate is exact. Past that limit it switches to HyperLogLog registers, which cannot forget a value: a
/// retraction then leaves the sketch as it is and is counted in <see cref="IgnoredRetractions"/>, and the
/// estimate may stay above the true count until the group empties (the rollup resets a group's sketch when its
/// row count returns to zero).
/// </summary>
internal sealed class DistinctSketch
{
    private CountMap<long>? _exact = new();
    private byte[]? _registers;

    private DistinctSketch(DistinctSketch source)
    {
        _exact = source._exact?.Clone();
        _registers = (byte[]?)source._registers?.Clone();
        IgnoredRetractions = source.IgnoredRetractions;
    }

    public DistinctSketch()
    {
    }

    public int Epoch { get; set; }

    /// <summary>Retractions that could not be applied because the sketch was in HyperLogLog form.</summary>
    public long IgnoredRetractions { get; private set; }

    public bool IsExact => _exact is not null;

    public CountMap<long>? Exact => _exact;

    public byte[]? Registers => _registers;

    public long Bytes => (_exact?.Bytes ?? 0) + (_registers?.Length ?? 0) + 40;

    public DistinctSketch Clone() => new(this);

    /// <summary>Adds or retracts one value hash.</summary>
    /// <returns>True when a retraction could not be applied.</returns>
    public bool Add(ulong hash, int weight, int exactLimit)
    {
        if (_exact is not null)
        {
            _exact.Add((long)hash, weight);
            if (_exact.Count > exactLimit)
            {
                _registers = new byte[HyperLogLog.RegisterCount];
                var keys = _exact.Keys;
                var counts = _exact.Counts;
                for (var i = 0; i < keys.Length; i++)
                {
                    if (counts[i] > 0)
                    {
                        HyperLogLog.Add(_registers, (ulong)keys[i]);
                    }
                }

                _exact = null;
            }

            return false;
        }

        if (weight > 0)
        {
            HyperLogLog.Add(_registers!, hash);
            return false;
        }

        IgnoredRetractions -= weight;
        return true;
    }

    /// <summary>The estimate: exact while exact.</summary>
    public long Estimate()
    {
        if (_exact is not null)
        {
            var live = 0L;
            foreach (var count in _exact.Counts)
            {
                live += count > 0 ? 1 : 0;
            }

            return live;
        }

        return HyperLogLog.Estimate(_registers!);
    }
}
