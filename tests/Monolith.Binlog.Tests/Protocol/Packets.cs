namespace Monolith.Binlog.Tests.Protocol;

/// <summary>
/// Raw packet bytes for tests, built the straightforward way: a 3-byte length, a sequence id, payload.
/// </summary>
internal static class Packets
{
    public static byte[] Frame(byte sequence, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[4 + payload.Length];
        bytes[0] = (byte)payload.Length;
        bytes[1] = (byte)(payload.Length >> 8);
        bytes[2] = (byte)(payload.Length >> 16);
        bytes[3] = sequence;
        payload.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    /// <summary>A long payload as the protocol splits it: chunks of 0xFFFFFF, then the rest (maybe empty).</summary>
    public static byte[] FrameSplit(byte firstSequence, byte[] payload)
    {
        var output = new List<byte>();
        var offset = 0;
        var sequence = firstSequence;
        int chunk;
        do
        {
            chunk = Math.Min(0xFFFFFF, payload.Length - offset);
            output.AddRange(Frame(sequence++, payload.AsSpan(offset, chunk)));
            offset += chunk;
        }
        while (chunk == 0xFFFFFF);

        return [.. output];
    }

    public static byte[] Pattern(int length, int seed = 7)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed + (i >> 11));
        }

        return bytes;
    }
}
