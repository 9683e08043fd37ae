using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>RAND_EVENT (type 13): the seeds of RAND() for the next statement-based QUERY.</summary>
/// <param name="Seed1">First seed.</param>
/// <param name="Seed2">Second seed.</param>
public readonly record struct RandEvent(ulong Seed1, ulong Seed2)
{
    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is shorter than 16 bytes.</exception>
    public static RandEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "RAND", position);
        return new RandEvent(reader.ReadUInt64("seed 1"), reader.ReadUInt64("seed 2"));
    }
}
