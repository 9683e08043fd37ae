using System.Text;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>UTF-8 helpers for the string kernels: code point counting and positions, case mapping, trimming.
/// </summary>
internal static class Utf8Text
{
    /// <summary>Number of code points: every byte that is not a continuation byte starts one.</summary>
    public static int CountCodePoints(ReadOnlySpan<byte> text)
    {
        var count = 0;
        foreach (var b in text)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Byte index where code point <paramref name="index"/> (0-based) starts, or the length.</summary>
    public static int ByteIndexOfCodePoint(ReadOnlySpan<byte> text, long index)
    {
        if (index <= 0)
        {
            return 0;
        }

        long seen = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] & 0xC0) != 0x80)
            {
                if (seen == index)
                {
                    return i;
                }

                seen++;
            }
        }

        return text.Length;
    }

    /// <summary>Maps the case of every code point; ASCII stays on a byte loop. Returns bytes written
    /// (the destination holds at least twice the source length).</summary>
    public static int MapCase(ReadOnlySpan<byte> source, Span<byte> destination, bool upper)
    {
        var written = 0;
        var i = 0;
        while (i < source.Length)
        {
            var b = source[i];
            if (b < 0x80)
            {
                destination[written++] = upper
                    ? (byte)(b is >= (byte)'a' and <= (byte)'z' ? b - 32 : b)
                    : (byte)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(source[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                // Not UTF-8: copy the byte unchanged rather than invent a character.
                destination[written++] = b;
                i++;
                continue;
            }

            var mapped = upper ? Rune.ToUpperInvariant(rune) : Rune.ToLowerInvariant(rune);
            written += mapped.EncodeToUtf8(destination[written..]);
            i += consumed;
        }

        return written;
    }

    public static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> text, bool start, bool end)
    {
        if (start)
        {
            text = text.TrimStart((byte)' ');
        }

        if (end)
        {
            text = text.TrimEnd((byte)' ');
        }

        return text;
    }
}
