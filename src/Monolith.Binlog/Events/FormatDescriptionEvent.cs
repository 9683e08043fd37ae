using System.Text;
using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// FORMAT_DESCRIPTION_EVENT (type 15): the first event of every binlog file. It says which server wrote the
/// file, how long each event type's post-header is (the decoder reads them from here rather than assuming
/// them) and which checksum the following events carry.
/// </summary>
public sealed class FormatDescriptionEvent
{
    private const int ServerVersionLength = 50;
    private const int FixedPartLength = 2 + ServerVersionLength + 4 + 1;
    private readonly byte[] _postHeaderLengths;

    private FormatDescriptionEvent(ushort binlogVersion, string serverVersion, uint createTimestamp,
        byte commonHeaderLength, byte[] postHeaderLengths, ChecksumAlgorithm checksum, bool isMariaDb)
    {
        BinlogVersion = binlogVersion;
        ServerVersion = serverVersion;
        CreateTimestamp = createTimestamp;
        CommonHeaderLength = commonHeaderLength;
        _postHeaderLengths = postHeaderLengths;
        ChecksumAlgorithm = checksum;
        IsMariaDb = isMariaDb;
    }

    /// <summary>The binlog format version; only 4 (MySQL 5.0 and later, every MariaDB) is supported.</summary>
    public ushort BinlogVersion { get; }

    /// <summary>The version string of the server that wrote the file,
    /// e.g. <c>8.0.32</c> or <c>10.11.6-MariaDB-log</c>.</summary>
    public string ServerVersion { get; }

    /// <summary>Seconds since the Unix epoch when the file was
    /// created; 0 except in the first file of a server run.</summary>
    public uint CreateTimestamp { get; }

    /// <summary>Length of the common event header; 19 for binlog version 4.</summary>
    public byte CommonHeaderLength { get; }

    /// <summary>The checksum the following events carry.</summary>
    public ChecksumAlgorithm ChecksumAlgorithm { get; }

    /// <summary>Whether the file was written by MariaDB.</summary>
    public bool IsMariaDb { get; }

    /// <summary>Whether every following event ends with a 4-byte CRC32.</summary>
    public bool HasChecksum => ChecksumAlgorithm == ChecksumAlgorithm.Crc32;

    /// <summary>The number of event types whose post-header length this event lists.</summary>
    public int EventTypeCount => _postHeaderLengths.Length;

    /// <summary>
    /// The post-header length of an event type as this server writes it, or 0 for a type beyond its table.
    /// </summary>
    public int GetPostHeaderLength(BinlogEventType type)
    {
        var index = (int)type - 1;
        return (uint)index < (uint)_postHeaderLengths.Length ? _postHeaderLengths[index] : 0;
    }

    /// <summary>
    /// A description for a server that sent none (tests, or a stream picked up without its first event):
    /// MySQL 5.7-style post-header lengths, v2 rows events with CRC32 or without.
    /// </summary>
    public static FormatDescriptionEvent CreateDefault(ChecksumAlgorithm checksum, string serverVersion = "8.0.0")
    {
        var lengths = new byte[]
        {
            56, 13, 0, 8, 0, 18, 0, 4, 4, 4, 4, 18, 0, 0, 95, 0, 4, 26, 8, 0, 0, 0, 8, 8, 8, 2, 0, 0, 0,
            10, 10, 10, 42, 42, 0, 18, 52, 0, 10, 0, 0, 0,
        };
        return new FormatDescriptionEvent(4, serverVersion, 0, EventHeader.Size, lengths, checksum,
            serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the event from its bytes: header, body and (when the server version supports checksums) the
    /// algorithm byte and CRC32. The CRC32 is verified; a FORMAT_DESCRIPTION always carries one from servers that
    /// know checksums, even when the algorithm it announces is NONE.
    /// </summary>
    /// <exception cref="BinlogFormatException">The bytes are malformed or the binlog version is not 4.</exception>
    /// <exception cref="BinlogChecksumException">The event's own CRC32 does not match.</exception>
    public static FormatDescriptionEvent Read(ReadOnlySpan<byte> eventBytes, BinlogPosition? position = null,
        bool verifyChecksum = true)
    {
        var header = EventHeader.Read(eventBytes, position);
        if (header.EventSize > eventBytes.Length)
        {
            ThrowHelper.ThrowFormat(
                $"FORMAT_DESCRIPTION declares {header.EventSize} bytes but {eventBytes.Length} were given", position);
        }

        var body = eventBytes[EventHeader.Size..(int)header.EventSize];
        var reader = new SpanReader(body, "FORMAT_DESCRIPTION", position);
        var binlogVersion = reader.ReadUInt16("binlog version");
        if (binlogVersion != 4)
        {
            ThrowHelper.ThrowFormat(
                $"Binlog format version {binlogVersion} is not supported; only version 4 (MySQL 5.0+, MariaDB)",
                position);
        }

        var versionBytes = reader.ReadBytes(ServerVersionLength, "server version");
        var zero = versionBytes.IndexOf((byte)0);
        var serverVersion = Encoding.ASCII.GetString(zero >= 0 ? versionBytes[..zero] : versionBytes);
        var created = reader.ReadUInt32("create timestamp");
        var commonHeaderLength = reader.ReadUInt8("common header length");
        if (commonHeaderLength != EventHeader.Size)
        {
            ThrowHelper.ThrowFormat(
                $"FORMAT_DESCRIPTION announces a common header of {commonHeaderLength} bytes; expected 19", position);
        }

        var isMariaDb = serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var carriesChecksum = SupportsChecksums(serverVersion, isMariaDb);
        var tableLength = body.Length - FixedPartLength - (carriesChecksum ? 1 + EventChecksum.Size : 0);
        if (tableLength < 0)
        {
            ThrowHelper.ThrowFormat($"FORMAT_DESCRIPTION body of {body.Length} bytes is too short", position);
        }

        var lengths = reader.ReadBytes(tableLength, "post-header lengths").ToArray();
        var checksum = ChecksumAlgorithm.Undefined;
        if (carriesChecksum)
        {
            var algorithm = reader.ReadUInt8("checksum algorithm");
            checksum = algorithm switch
            {
                0 => ChecksumAlgorithm.None,
                1 => ChecksumAlgorithm.Crc32,
                _ => ThrowHelper.ThrowFormat<ChecksumAlgorithm>(
                    $"FORMAT_DESCRIPTION announces checksum algorithm {algorithm}; only 0 (NONE) and 1 (CRC32) exist",
                    position),
            };
            if (verifyChecksum)
            {
                EventChecksum.Verify(eventBytes[..(int)header.EventSize], position);
            }
        }

        return new FormatDescriptionEvent(binlogVersion, serverVersion, created, commonHeaderLength, lengths,
            checksum, isMariaDb);
    }

    /// <summary>
    /// Servers from MySQL 5.6.1 and MariaDB 5.3 on end the FORMAT_DESCRIPTION with an algorithm byte and a CRC32.
    /// </summary>
    internal static bool SupportsChecksums(string serverVersion, bool isMariaDb)
    {
        var (major, minor, patch) = ParseVersion(serverVersion);
        var version = (major * 10000) + (minor * 100) + patch;
        return isMariaDb ? version >= 50300 : version >= 50601;
    }

    private static (int Major, int Minor, int Patch) ParseVersion(string text)
    {
        Span<int> parts = stackalloc int[3];
        var part = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                parts[part] = Math.Min((parts[part] * 10) + (c - '0'), 9999);
            }
            else if (c == '.' && part < 2)
            {
                part++;
            }
            else
            {
                break;
            }
        }

        return (parts[0], parts[1], parts[2]);
    }

    /// <inheritdoc />
    public override string ToString() => $"FORMAT_DESCRIPTION {ServerVersion} checksum={ChecksumAlgorithm}";
}
