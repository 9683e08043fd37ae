namespace Monolith.Engine.Transform.Nodes;

/// <summary>Per-node scratch bitmaps, grown as batches grow and reused, cleared on each use.</summary>
internal static class Scratch
{
    public static Span<ulong> Words(ref ulong[] buffer, int words)
    {
        if (buffer.Length < words)
        {
            buffer = new ulong[Math.Max(words, buffer.Length * 2)];
        }

        var span = buffer.AsSpan(0, words);
        span.Clear();
        return span;
    }
}
