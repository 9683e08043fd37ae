using System.Buffers.Binary;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// The 19-byte header that starts every binlog event (binlog format version 4): when, what, who, how long
/// and where the next event starts.
/// </summary>
public readonly struct EventHeader
{
    /// <summary>Length of the header in bytes.</summary>
    public const int Size = 19;

    /// <summary>Creates a header from its fields.</summary>
    public EventHeader(uint timestamp, BinlogEventType type, uint serverId, uint eventSize, uint logPosition,
        EventFlags flags)
    {
        Timestamp = timestamp;
        Type = type;
        ServerId = serverId;
        EventSize = eventSize;
        LogPosition = logPosition;
        Flags = flags;
    }

    /// <summary>Seconds since the Unix epoch when the statement or transaction began on the source.</summary>
    public uint Timestamp { get; }

    /// <summary>The event type code.</summary>
    public BinlogEventType Type { get; }

    /// <summary>The server id of the server that first wrote the event.</summary>
    public uint ServerId { get; }

    /// <summary>Length of the whole event: header, body and checksum trailer if any.</summary>
    public uint EventSize { get; }

    /// <summary>
    /// Offset just past this event in the source's binlog file; 0 for artificial events and for events inside a
    /// TRANSACTION_PAYLOAD.
    /// </summary>
    public uint LogPosition { get; }

    /// <summary>The event's flags.</summary>
    public EventFlags Flags { get; }

    /// <summary>Reads a header from the first 19 bytes of <paramref name="bytes"/>.</summary>
    /// <exception cref="BinlogFormatException">Fewer than 19 bytes, or an event size below 19.</exception>
    public static EventHeader Read(ReadOnlySpan<byte> bytes, BinlogPosition? position = null)
    {
        if (bytes.Length < Size)
        {
            ThrowHelper.ThrowFormat(
                $"An event header needs {Size} bytes but only {bytes.Length} were given", position);
        }

        var header = new EventHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            (BinlogEventType)bytes[4],
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[5..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[9..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[13..]),
            (EventFlags)BinaryPrimitives.ReadUInt16LittleEndian(bytes[17..]));
        if (header.EventSize < Size)
        {
            ThrowHelper.ThrowFormat(
                $"Event of type {bytes[4]} declares a size of {header.EventSize} bytes, less than its own header",
                position);
        }

        return header;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Type} size={EventSize} log_pos={LogPosition} server_id={ServerId} flags=0x{(ushort)Flags:X4}";
}
