using System.Buffers;
using System.IO.Compression;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// MariaDB's compressed events (<c>log_bin_compress=ON</c>): QUERY_COMPRESSED (165) and the compressed rows events
/// (166-171). The compressed part starts with one header byte (bit 7 set, algorithm in bits 4-6, 0 = zlib; the
/// number of length bytes in bits 0-2), the uncompressed length big-endian in that many bytes, and then a zlib
/// stream. For QUERY it replaces the statement text; for rows events, the row images after the bitmaps.
/// </summary>
public static class MariaCompression
{
    /// <summary>The uncompressed event type for a compressed one, or the type itself.</summary>
    public static BinlogEventType ToUncompressedType(BinlogEventType type) => type switch
    {
        BinlogEventType.MariaQueryCompressed => BinlogEventType.Query,
        BinlogEventType.MariaWriteRowsCompressedV1 => BinlogEventType.WriteRowsV1,
        BinlogEventType.MariaUpdateRowsCompressedV1 => BinlogEventType.UpdateRowsV1,
        BinlogEventType.MariaDeleteRowsCompressedV1 => BinlogEventType.DeleteRowsV1,
        BinlogEventType.MariaWriteRowsCompressed => BinlogEventType.WriteRowsV2,
        BinlogEventType.MariaUpdateRowsCompressed => BinlogEventType.UpdateRowsV2,
        BinlogEventType.MariaDeleteRowsCompressed => BinlogEventType.DeleteRowsV2,
        _ => type,
    };

    /// <summary>
    /// Decompresses <paramref name="compressed"/> (header byte, length, zlib stream) and appends the result to
    /// <paramref name="output"/> after its current <see cref="GrowableBuffer.Length"/>.
    /// </summary>
    /// <exception cref="BinlogFormatException">Bad header, length
    /// over the limit, or bad or short zlib data.</exception>
    internal static void Decompress(ReadOnlySpan<byte> compressed, GrowableBuffer output, int maxLength,
        BinlogPosition? position)
    {
        var reader = new SpanReader(compressed, "MariaDB compressed event", position);
        var header = reader.ReadUInt8("compression header");
        var lengthBytes = header & 0x07;
        var algorithm = (header >> 4) & 0x07;
        if ((header & 0x80) == 0 || lengthBytes is 0 or > 4 || algorithm != 0)
        {
            reader.Fail($"compression header 0x{header:X2} is not a zlib header with 1 to 4 length bytes");
        }

        var lengthSpan = reader.ReadBytes(lengthBytes, "uncompressed length");
        var length = 0L;
        foreach (var b in lengthSpan)
        {
            length = (length << 8) | b;
        }

        if (length > maxLength)
        {
            reader.Fail($"uncompressed length {length} exceeds the limit of {maxLength} bytes");
        }

        var zlib = reader.ReadRest();
        var start = output.Length;
        output.EnsureCapacity(start + (int)length);
        var rented = ArrayPool<byte>.Shared.Rent(zlib.Length);
        try
        {
            zlib.CopyTo(rented);
            using var source = new MemoryStream(rented, 0, zlib.Length, writable: false);
            using var inflater = new ZLibStream(source, CompressionMode.Decompress);
            var destination = output.Array.AsSpan(start, (int)length);
            var total = 0;
            while (total < destination.Length)
            {
                var read = inflater.Read(destination[total..]);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total != length || inflater.Read(stackalloc byte[1]) != 0)
            {
                reader.Fail($"zlib data does not inflate to the announced {length} bytes");
            }
        }
        catch (InvalidDataException e)
        {
            throw new BinlogFormatException($"MariaDB compressed event: bad zlib data ({e.Message})", position, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        output.Length = start + (int)length;
    }
}
