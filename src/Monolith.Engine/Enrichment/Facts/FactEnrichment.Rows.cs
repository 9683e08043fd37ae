using System.Buffers.Binary;
using Monolith.Binlog.Rows;
using Monolith.Engine.Changes;
using Monolith.Engine.Enrichment.Records;
using Monolith.Engine.Pipeline;

namespace Monolith.Engine.Enrichment.Facts;

internal sealed partial class FactEnrichment
{
    /// <summary>
    /// For a row image that enters (weight +1), in the row the caller began: looks up every node as the dimension
    /// tables stand now, appends the joined columns, and records the joined values under the row's key. Returns
    /// whether some joined table had no row for it.
    /// </summary>
    public bool AppendAdded(ChangeBatchBuilder builder, in RowImage after)
    {
        var missing = Join(after);
        Replay(builder, _tuple.WrittenSpan);
        var hasKey = TryFactKey(after, out var key);
        if (!hasKey && _pendingRemoval)
        {
            // An after image without the key (MINIMAL images) belongs to the row of the before image.
            key = _pendingKey;
            hasKey = true;
        }

        if (hasKey)
        {
            var replaces = _pendingRemoval && _pendingFound && _pendingKey == key;
            _facts.Write(key, _tuple.WrittenSpan, isNew: !replaces);
        }

        if (_pendingRemoval && _pendingFound && (!hasKey || _pendingKey != key))
        {
            _facts.Delete(_pendingKey, existed: true);
        }

        _pendingRemoval = false;
        if (missing != 0)
        {
            CountMissing(missing);
        }

        return missing != 0;
    }

    /// <summary>
    /// For a row image that leaves (weight -1), in the row the caller began: appends the joined columns recorded
    /// when the row entered. A delete forgets the record; for the old image of an update the new image's
    /// <see cref="AppendAdded"/> that follows replaces it.
    /// </summary>
    /// <param name="builder">The batch.</param>
    /// <param name="before">The image that leaves.</param>
    /// <param name="deleting">Whether the row is deleted (rather than updated).</param>
    public void AppendRemoved(ChangeBatchBuilder builder, in RowImage before, bool deleting)
    {
        var hasKey = TryFactKey(before, out var key);
        var found = false;
        if (hasKey && _facts.TryRead(key, out var recorded))
        {
            found = true;
            Replay(builder, recorded);
        }
        else
        {
            // Written before reading started (or without a usable key): nothing was recorded, so the best that can
            // be retracted is the join as the dimensions stand now.
            Join(before);
            Replay(builder, _tuple.WrittenSpan);
            Volatile.Write(ref _retractionsWithoutRecord, _retractionsWithoutRecord + 1);
            foreach (var rollup in _rollups)
            {
                rollup.Counters.AddRetractionWithoutRecord();
            }
        }

        if (deleting)
        {
            if (found)
            {
                _facts.Delete(key, existed: true);
            }

            return;
        }

        _pendingRemoval = hasKey;
        _pendingKey = key;
        _pendingFound = found;
    }

    /// <summary>Forgets an update whose new image could not be appended (a malformed row).</summary>
    public void Abandon() => _pendingRemoval = false;

    /// <summary>
    /// Looks up every node for a fact row image, in order (a chained node after its parent), into the tuple
    /// buffer. Returns the nodes that found no row, as bits.
    /// </summary>
    private ulong Join(in RowImage fact)
    {
        _tuple.Reset();
        var missing = 0UL;
        foreach (var node in _nodes)
        {
            var i = node.Index;
            long key;
            bool hasKey;
            if (node.Parent < 0)
            {
                hasKey = TryReadKey(fact, _sourceOrdinal[i], _sourceUnsigned[i], out key);
            }
            else
            {
                hasKey = TryParentKey(node.Parent, node.SourceIndex, out key);
            }

            var lengthAt = _tuple.Length;
            _tuple.WriteInt32(-1);
            if (hasKey && node.Dimension.TryLookup(key, out var record))
            {
                _tuple.PatchInt32(lengthAt, record.Length);
                _recordStart[i] = _tuple.Length;
                _recordLength[i] = record.Length;
                _tuple.Write(record);
            }
            else
            {
                _recordStart[i] = -1;
                missing |= 1UL << i;
            }
        }

        return missing;
    }

    private bool TryParentKey(int parent, int sourceIndex, out long key)
    {
        key = 0;
        if (_recordStart[parent] < 0 || sourceIndex < 0)
        {
            return false;
        }

        var reader = new ValueRecordReader(_tuple.WrittenSpan.Slice(_recordStart[parent], _recordLength[parent]));
        for (var c = 0; c < sourceIndex; c++)
        {
            reader.Skip();
        }

        return reader.TryReadKey(out key);
    }

    /// <summary>Appends a tuple's values to the joined columns of the open row.</summary>
    private void Replay(ChangeBatchBuilder builder, ReadOnlySpan<byte> tuple)
    {
        var sink = new BatchValueSink(builder);
        var position = 0;
        foreach (var node in _nodes)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(tuple[position..]);
            position += 4;
            var layout = node.Layout;
            if (layout is null || !_materialized[node.Index])
            {
                position += Math.Max(length, 0);
                continue;
            }

            var first = _firstJoinedOrdinal + node.FirstColumn;
            if (length < 0)
            {
                for (var c = 0; c < layout.Columns.Count; c++)
                {
                    builder.AppendNull(first + c);
                }

                continue;
            }

            var reader = new ValueRecordReader(tuple.Slice(position, length));
            for (var c = 0; c < layout.Columns.Count; c++)
            {
                reader.Replay(ref sink, first + c);
            }

            position += length;
        }
    }

    private bool TryFactKey(in RowImage image, out long key) =>
        TryReadKey(image, _keyOrdinal, _keyUnsigned, out key);

    private static bool TryReadKey(in RowImage image, int ordinal, bool unsigned, out long key)
    {
        if (ordinal < 0 || !image.IsPresent(ordinal) || image.IsNull(ordinal))
        {
            key = 0;
            return false;
        }

        key = unsigned ? (long)image.GetUInt64(ordinal) : image.GetInt64(ordinal);
        return true;
    }

    private void CountMissing(ulong missing)
    {
        for (var r = 0; r < _rollups.Count; r++)
        {
            if ((missing & _masks[r]) != 0)
            {
                _rollups[r].Counters.AddFactWithoutDimensionRow();
            }
        }
    }
}
