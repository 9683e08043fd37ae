using System.Buffers;

namespace Monolith.Binlog.Tests.Protocol;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> of several segments, as a PipeReader hands them out.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params byte[][] parts)
    {
        if (parts.Length == 1)
        {
            return new ReadOnlySequence<byte>(parts[0]);
        }

        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Cuts <paramref name="bytes"/> into segments at the given offsets.</summary>
    public static ReadOnlySequence<byte> CutAt(byte[] bytes, params int[] offsets)
    {
        var parts = new List<byte[]>();
        var start = 0;
        foreach (var offset in offsets.Append(bytes.Length))
        {
            parts.Add(bytes[start..offset]);
            start = offset;
        }

        return Of([.. parts]);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
