using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>
/// The configuration section <c>Source</c>: where to connect (inherited), as which replica, from where to read,
/// and how to keep the stream alive. Every property binds from configuration by its name.
/// </summary>
public sealed class ReplicationOptions : ConnectionOptions
{
    /// <summary>
    /// The <c>server_id</c> this replica registers with: above 0, and used by no other server or replica of the
    /// source (a second replica with the same id makes the server drop the first).
    /// </summary>
    public uint ServerId { get; set; }

    /// <summary>
    /// Where to start when no checkpoint says otherwise: <c>earliest</c> (the oldest binlog still on the
    /// server), <c>latest</c> (changes from the first connection on), a binlog position
    /// <c>mariadb-bin.000003:1234</c>, a MySQL GTID set, or a MariaDB GTID position such as <c>0-1-42</c>. A
    /// GTID start makes reconnections resume by GTID; the others resume by file and offset.
    /// </summary>
    public string Start { get; set; } = "earliest";

    /// <summary>How often the server sends a heartbeat when it has no event to send.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Silence after which the connection is declared dead, closed and opened again; three heartbeat periods
    /// when not set. Time the consumer spends blocking the stream does not count.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>The wait before the first reconnection; each failed attempt doubles it.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The share of each wait drawn at random (0 to 1), so that many replicas cut off together do not come back
    /// together: 0.2 makes each wait between 80 % and 100 % of its nominal value.
    /// </summary>
    public double ReconnectJitter { get; set; } = 0.2;

    /// <summary>Failed attempts in a row after which the client gives up; unlimited when not set.</summary>
    public int? MaxReconnectAttempts { get; set; }

    /// <summary>
    /// Stop at the end of the binlog instead of waiting for new events (the dump's non-blocking flag): for
    /// catching up once, and for tests.
    /// </summary>
    public bool StopAtEnd { get; set; }

    /// <summary>
    /// MariaDB: ask for ANNOTATE_ROWS events, which carry the SQL text of each row-changing statement.
    /// </summary>
    public bool RequestAnnotateRows { get; set; }

    /// <summary>MariaDB GTID starts: refuse GTIDs out of order in a domain (<c>@slave_gtid_strict_mode</c>).</summary>
    public bool GtidStrictMode { get; set; } = true;

    /// <summary>
    /// MariaDB GTID starts: skip GTIDs already seen in a domain (<c>@slave_gtid_ignore_duplicates</c>).
    /// </summary>
    public bool GtidIgnoreDuplicates { get; set; }

    /// <summary>
    /// The host name this replica reports, shown by <c>SHOW SLAVE HOSTS</c>; the machine name by default.
    /// </summary>
    public string? ReportHost { get; set; }

    /// <summary>The silence that declares the connection dead.</summary>
    public TimeSpan EffectiveHeartbeatTimeout => HeartbeatTimeout ?? HeartbeatPeriod * 3;

    /// <summary>The parsed <see cref="Start"/>.</summary>
    /// <exception cref="FormatException">Start is none of the accepted forms.</exception>
    public ReplicationStart ParseStart() => ReplicationStart.Parse(Start);

    /// <inheritdoc />
    protected override void CollectProblems(List<string> problems)
    {
        base.CollectProblems(problems);
        if (ServerId == 0)
        {
            problems.Add("ServerId is 0; a replica needs a server id above 0 unique among the source's replicas");
        }

        try
        {
            ParseStart();
        }
        catch (FormatException error)
        {
            problems.Add(error.Message.TrimEnd('.'));
        }

        if (HeartbeatPeriod < TimeSpan.FromMilliseconds(1) || HeartbeatPeriod > TimeSpan.FromSeconds(4_294_967))
        {
            problems.Add($"HeartbeatPeriod {HeartbeatPeriod} is not between 1 ms and 4294967 s");
        }

        if (EffectiveHeartbeatTimeout <= HeartbeatPeriod)
        {
            problems.Add($"HeartbeatTimeout {EffectiveHeartbeatTimeout} is not longer than HeartbeatPeriod " +
                $"{HeartbeatPeriod}");
        }

        if (ReconnectInitialDelay < TimeSpan.Zero || ReconnectMaxDelay < ReconnectInitialDelay)
        {
            problems.Add($"ReconnectInitialDelay {ReconnectInitialDelay} and ReconnectMaxDelay " +
                $"{ReconnectMaxDelay} must satisfy 0 <= initial <= max");
        }

        if (ReconnectJitter is < 0 or > 1 || double.IsNaN(ReconnectJitter))
        {
            problems.Add($"ReconnectJitter {ReconnectJitter} is not between 0 and 1");
        }

        if (MaxReconnectAttempts < 0)
        {
            problems.Add($"MaxReconnectAttempts {MaxReconnectAttempts} is negative");
        }
    }
}
