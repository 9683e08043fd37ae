using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MySQL TRANSACTION_PAYLOAD_EVENT (type 40, <c>binlog_transaction_compression=ON</c>): a whole transaction's events
/// compressed together. The body starts with typed fields (type, length, value; the values are themselves
/// length-encoded integers) up to an end mark, then the payload. The inner events have no checksum and a log
/// position of 0.
/// </summary>
public readonly struct TransactionPayloadEvent
{
    /// <summary>The compression type code for zstd.</summary>
    public const ulong CompressionZstd = 0;

    /// <summary>The compression type code for an uncompressed payload.</summary>
    public const ulong CompressionNone = 255;

    /// <summary>The compression algorithm: <see cref="CompressionZstd"/> or <see cref="CompressionNone"/>.</summary>
    public ulong CompressionType { get; init; }

    /// <summary>Length of the (compressed) payload in bytes.</summary>
    public ulong PayloadSize { get; init; }

    /// <summary>Length of the inner events once decompressed.</summary>
    public ulong UncompressedSize { get; init; }

    /// <summary>Offset of the payload inside the body.</summary>
    public int PayloadOffset { get; init; }

    /// <summary>Reads the header fields from the event body and checks the payload fits in it.</summary>
    /// <exception cref="BinlogFormatException">The header is malformed or the payload overruns the body.</exception>
    public static TransactionPayloadEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "TRANSACTION_PAYLOAD", position);
        ulong compression = CompressionNone, payloadSize = ulong.MaxValue, uncompressed = 0;
        while (true)
        {
            var field = reader.ReadPackedInt("field type");
            if (field == 0)
            {
                break;
            }

            var value = reader.ReadPackedBytes("field value");
            var inner = new SpanReader(value, "TRANSACTION_PAYLOAD field", position);
            switch (field)
            {
                case 1:
                    payloadSize = inner.ReadPackedInt("payload size");
                    break;
                case 2:
                    compression = inner.ReadPackedInt("compression type");
                    break;
                case 3:
                    uncompressed = inner.ReadPackedInt("uncompressed size");
                    break;
            }
        }

        if (payloadSize == ulong.MaxValue)
        {
            payloadSize = (ulong)reader.Remaining;
        }

        if (payloadSize != (ulong)reader.Remaining)
        {
            reader.Fail($"payload size {payloadSize} does not match the {reader.Remaining} bytes left");
        }

        if (compression is not (CompressionZstd or CompressionNone))
        {
            reader.Fail($"compression type {compression} is not supported (0 zstd, 255 none)");
        }

        return new TransactionPayloadEvent
        {
            CompressionType = compression,
            PayloadSize = payloadSize,
            UncompressedSize = uncompressed,
            PayloadOffset = reader.Offset,
        };
    }
}
