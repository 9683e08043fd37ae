using Monolith.Engine.Rollups.Metrics;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups;

public sealed partial class Rollup
{
    /// <summary>
    /// Figures for <c>/status</c>: group counts and state sizes are measured on the current version (which no
    /// writer changes), plus the writer's counters. Safe to call from any thread; costs a scan of the groups.
    /// </summary>
    public RollupStatus GetStatus()
    {
        var version = Current;
        long live = 0, empty = 0, negative = 0, objectBytes = 0;
        for (var group = 0; group < version.GroupCount; group++)
        {
            var count = version.RowCounts[group];
            if (count > 0)
            {
                live++;
            }
            else if (count < 0)
            {
                negative++;
            }
        }

        empty = Math.Max(0, version.GroupCount - live - negative);
        var columnBytes = (long)version.GroupCount * (sizeof(long) + sizeof(long)
            + (sizeof(int) * version.Dimensions.Length));
        foreach (var metric in version.Metrics)
        {
            objectBytes += MetricBytes(metric, version.GroupCount);
        }

        long dictionaryBytes = 0;
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < _dictionaries.Length; d++)
        {
            dictionaryBytes += _dictionaries[d]?.Bytes ?? 0;
            sizes[Definition.Dimensions[d].Name] = version.Dictionaries[d]?.Count - 1 ?? 0;
        }

        long ignoredValues = 0, ignoredRetractions = 0, writerBytes = 0;
        foreach (var metric in _metrics)
        {
            ignoredValues += metric?.IgnoredValues ?? 0;
            ignoredRetractions += metric?.IgnoredRetractions ?? 0;
            writerBytes += metric?.WriterOnlyBytes ?? 0;
            dictionaryBytes += (metric as CountDistinctState)?.ValueDictionaryBytes ?? 0;
        }

        return new RollupStatus
        {
            Name = Name,
            Version = version.Sequence,
            Position = version.Position,
            CommittedAt = version.Sequence == 0 ? null : version.CommittedAt,
            LiveGroups = live,
            EmptyGroups = empty,
            NegativeGroups = negative,
            StateBytes = columnBytes + objectBytes + writerBytes,
            DictionaryBytes = dictionaryBytes,
            IndexBytes = _groups.IndexBytes,
            DictionarySizes = sizes,
            RowsApplied = Interlocked.Read(ref _rowsApplied),
            RowsWithoutTime = Interlocked.Read(ref _rowsWithoutTime),
            RowsOutsideRetention = Interlocked.Read(ref _rowsOutsideRetention),
            IgnoredValues = ignoredValues,
            IgnoredRetractions = ignoredRetractions,
        };
    }

    private static long MetricBytes(MetricSnapshot? metric, int groups)
    {
        switch (metric)
        {
            case SumSnapshot sum:
                var sums = sum.Mode switch
                {
                    SumMode.Double => groups * 16L,
                    SumMode.Big => groups * 32L,
                    _ => (groups * 8L) + ((long)sum.Sums.WideChunks * CowColumn<long>.ChunkSize * sizeof(long)),
                };
                return sums + (sum.NonNull.IsEmpty ? 0 : groups * 8L);
            case CountSnapshot when metric.Metric.Kind == AggregatorKind.Count:
                // COUNT(*) publishes the row counts, which the key columns already account for.
                return 0;
            case CountSnapshot:
                return groups * 8L;
            case DistinctSetSnapshot sets:
                return (groups * 16L) + Sum(sets.Sets, groups, static s => s.Bytes);
            case DistinctSketchSnapshot sketches:
                return (groups * 8L) + Sum(sketches.Sketches, groups, static s => s.Bytes);
            case QuantileSnapshot quantiles:
                return (groups * 8L) + Sum(quantiles.Sketches, groups, static s => s.Bytes);
            case MinMaxSnapshot<long> extremes:
                return (groups * 8L) + (extremes.NonNull.IsEmpty ? 0 : groups * 8L);
            case MinMaxSnapshot<Int128> extremes:
                return (groups * 16L) + (extremes.NonNull.IsEmpty ? 0 : groups * 8L);
            case null:
                return 0;
            default:
                return groups * 24L;
        }
    }

    private static long Sum<T>(ColumnSnapshot<T?> column, int groups, Func<T, long> bytes)
        where T : class
    {
        long total = 0;
        for (var group = 0; group < groups; group++)
        {
            if (column[group] is { } value)
            {
                total += bytes(value);
            }
        }

        return total;
    }
}
