using System.Globalization;

namespace Monolith.Binlog.Replication;

/// <summary>
/// Where replication starts, as the configuration's <c>Source:Start</c> says it: <c>earliest</c>, <c>latest</c>,
/// a binlog position <c>mariadb-bin.000003:1234</c>, a MySQL GTID set <c>uuid:1-42</c>, or a MariaDB GTID
/// position <c>0-1-42</c>.
/// </summary>
public sealed class ReplicationStart
{
    private ReplicationStart(ReplicationStartKind kind, BinlogPosition? position, GtidSet? gtids)
    {
        Kind = kind;
        Position = position;
        Gtids = gtids;
    }

    /// <summary>The oldest binlog still on the server.</summary>
    public static ReplicationStart Earliest { get; } = new(ReplicationStartKind.Earliest, null, null);

    /// <summary>The end of the binlog at the first connection.</summary>
    public static ReplicationStart Latest { get; } = new(ReplicationStartKind.Latest, null, null);

    /// <summary>How the start is named.</summary>
    public ReplicationStartKind Kind { get; }

    /// <summary>The binlog position, for <see cref="ReplicationStartKind.Position"/>.</summary>
    public BinlogPosition? Position { get; }

    /// <summary>The GTID set or position, for the two GTID kinds.</summary>
    public GtidSet? Gtids { get; }

    /// <summary>Whether the start is given in GTIDs, so that reconnections resume by GTID too.</summary>
    public bool IsGtid => Kind is ReplicationStartKind.MySqlGtids or ReplicationStartKind.MariaDbGtids;

    /// <summary>A start at a binlog file and offset.</summary>
    public static ReplicationStart At(BinlogPosition position)
    {
        if (string.IsNullOrEmpty(position.File) || position.Offset < BinlogPosition.FirstEventOffset)
        {
            throw new ArgumentException(
                $"The binlog position {position} needs a file name and an offset of at least 4.", nameof(position));
        }

        return new ReplicationStart(ReplicationStartKind.Position, position, null);
    }

    /// <summary>A start at a GTID set (MySQL) or GTID position (MariaDB).</summary>
    public static ReplicationStart At(GtidSet gtids)
    {
        ArgumentNullException.ThrowIfNull(gtids);
        return new ReplicationStart(
            gtids is MySqlGtidSet ? ReplicationStartKind.MySqlGtids : ReplicationStartKind.MariaDbGtids, null, gtids);
    }

    /// <summary>Parses the text form of the configuration.</summary>
    /// <exception cref="FormatException">Text that is none of the forms, with the forms listed.</exception>
    public static ReplicationStart Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("earliest", StringComparison.OrdinalIgnoreCase))
        {
            return Earliest;
        }

        if (trimmed.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return Latest;
        }

        if (MariaDbGtidPosition.LooksLike(trimmed))
        {
            return At(MariaDbGtidPosition.Parse(trimmed));
        }

        // A MySQL GTID begins with a 36-character UUID followed by a colon; a file name does not.
        if (trimmed.Length > 37 && trimmed[36] == ':' && Guid.TryParseExact(trimmed[..36], "D", out _))
        {
            return At(MySqlGtidSet.Parse(trimmed));
        }

        // A binlog file name ends in a numeric extension (mysql-bin.000042); requiring it catches typos such as
        // "earlist" here instead of at the server.
        var colon = trimmed.LastIndexOf(':');
        var file = colon > 0 ? trimmed[..colon] : trimmed;
        var offset = BinlogPosition.FirstEventOffset;
        if (IsBinlogFileName(file) && (colon < 0 || (long.TryParse(trimmed[(colon + 1)..], NumberStyles.None,
                CultureInfo.InvariantCulture, out offset) && offset >= BinlogPosition.FirstEventOffset)))
        {
            return At(new BinlogPosition(file, offset));
        }

        throw new FormatException(
            $"Start '{text}' is not one of: earliest, latest, a binlog file and offset " +
            "(mariadb-bin.000003:1234), a MySQL " +
            "GTID set (3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42) or a MariaDB GTID position (0-1-42).");
    }

    private static bool IsBinlogFileName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1 && name[(dot + 1)..].All(char.IsAsciiDigit) &&
            !name.Any(c => char.IsWhiteSpace(c) || c == ':');
    }

    /// <summary>The start from a resume point: its GTIDs when asked for and present, else its position.</summary>
    public static ReplicationStart From(ResumePoint resumePoint, bool preferGtids)
    {
        ArgumentNullException.ThrowIfNull(resumePoint);
        return preferGtids && resumePoint.Gtids is { } gtids ? At(gtids) : At(resumePoint.Position);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ReplicationStartKind.Earliest => "earliest",
        ReplicationStartKind.Latest => "latest",
        ReplicationStartKind.Position => Position!.Value.ToString(),
        _ => Gtids!.ToString() is { Length: > 0 } text ? text : "(empty GTID set)",
    };
}
