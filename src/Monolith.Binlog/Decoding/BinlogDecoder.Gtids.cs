using Monolith.Binlog.Events;
using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Decoding;

/// <summary>
/// The GTID state after each commit and the position to resume from, so that a reader restarted after a lost
/// connection (or from a checkpoint) resumes by GTID as well as by file and offset.
/// </summary>
public sealed partial class BinlogDecoder
{
    // MySQL: the executed set; MariaDB: the last GTID per domain. Complete only once it started from a known
    // state: a GTID start given by the caller, or the PREVIOUS_GTIDS / GTID_LIST event at the start of a file.
    private MySqlGtidSet? _mySqlGtids;
    private MariaDbGtidPosition? _mariaGtids;
    private bool _gtidStateComplete;
    private bool _gtidStateUntracked;
    private string? _lastMySqlSource;
    private Guid _lastMySqlSourceId;
    private BinlogPosition? _resumePosition;

    // The end of the FORMAT_DESCRIPTION when it was read at the start of its file, else -1.
    private long _fileHeaderEnd = -1;

    /// <summary>
    /// Sets the GTID state from which the stream starts: the GTID set (MySQL) or position (MariaDB) the replication
    /// was asked to start after. Commits fed afterwards are added to it.
    /// </summary>
    /// <exception cref="ArgumentException">The set is neither a MySQL set nor a MariaDB position.</exception>
    public void SetGtidState(GtidSet state)
    {
        ArgumentNullException.ThrowIfNull(state);
        switch (state)
        {
            case MySqlGtidSet mysql:
                _mySqlGtids = mysql.Clone();
                _mariaGtids = null;
                break;
            case MariaDbGtidPosition maria:
                _mariaGtids = maria.Clone();
                _mySqlGtids = null;
                break;
            default:
                throw new ArgumentException($"A GTID state of type {state.GetType().Name} cannot be tracked.",
                    nameof(state));
        }

        _gtidStateComplete = true;
        _gtidStateUntracked = false;
    }

    /// <summary>
    /// A copy of the GTID state after the last committed transaction (MySQL's executed set, MariaDB's last GTID per
    /// domain), or null when it is not known completely: the stream started in the middle of a file without a GTID
    /// start, or carried GTIDs this decoder does not track (MySQL 8.4 tagged GTIDs).
    /// </summary>
    public GtidSet? GetGtidState()
    {
        if (!_gtidStateComplete || _gtidStateUntracked)
        {
            return null;
        }

        return (GtidSet?)_mySqlGtids?.Clone() ?? _mariaGtids?.Clone();
    }

    /// <summary>
    /// Where to resume without losing or repeating a transaction: the end of the last committed transaction, or a
    /// later position an idle stream reported between transactions (heartbeat, rotate), with the GTID state when
    /// it is known. Null before the first commit or progress.
    /// </summary>
    public ResumePoint? GetResumePoint() =>
        _resumePosition is { } position ? new ResumePoint(position, GetGtidState()) : null;

    private void OnPreviousGtids(PreviousGtidsEvent previous)
    {
        _mySqlGtids ??= new MySqlGtidSet();
        foreach (var entry in previous.Entries)
        {
            if (entry.Tag is not null)
            {
                _gtidStateUntracked = true;
                continue;
            }

            var source = entry.SourceId.ToString("D");
            foreach (var interval in entry.Intervals)
            {
                _mySqlGtids.AddRange(source, interval.Start, interval.End - 1);
            }
        }

        _gtidStateComplete = true;
    }

    private void OnGtidList(MariaGtidListEvent list, BinlogPosition position)
    {
        _mariaGtids ??= new MariaDbGtidPosition();
        foreach (var gtid in list.Gtids)
        {
            // The list names the state before its file; what the decoder has seen since may be newer.
            if (!_mariaGtids.TryGetDomain(gtid.Domain, out var known) || known.Sequence < gtid.Sequence)
            {
                _mariaGtids.Advance(new MariaDbGtid(gtid.Domain, gtid.ServerId, gtid.Sequence));
            }
        }

        // The GTID_LIST that follows the FORMAT_DESCRIPTION at the start of a file lists every domain.
        if (position.Offset == _fileHeaderEnd)
        {
            _gtidStateComplete = true;
        }
    }

    private void TrackCommit(Gtid gtid, BinlogPosition end)
    {
        _resumePosition = end;
        switch (gtid.Flavor)
        {
            case GtidFlavor.MariaDb:
                _mariaGtids ??= new MariaDbGtidPosition();
                _mariaGtids.Advance(new MariaDbGtid(gtid.Domain, gtid.ServerId, gtid.Sequence));
                break;
            case GtidFlavor.MySql when gtid.Tag is null && gtid.TransactionNumber >= 1:
                _mySqlGtids ??= new MySqlGtidSet();
                if (_lastMySqlSource is null || gtid.SourceId != _lastMySqlSourceId)
                {
                    _lastMySqlSourceId = gtid.SourceId;
                    _lastMySqlSource = gtid.SourceId.ToString("D");
                }

                _mySqlGtids.Add(_lastMySqlSource, gtid.TransactionNumber);
                break;
            case GtidFlavor.MySql:
                // A tagged GTID (MySQL 8.4), or a number no executed set can hold.
                _gtidStateUntracked = true;
                break;
        }
    }
}
