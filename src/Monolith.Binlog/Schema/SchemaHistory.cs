namespace Monolith.Binlog.Schema;

/// <summary>
/// The versions of each table's schema with the binlog position from which each is in force, so that a row is
/// decoded with the columns its table had when the row was written, also when catching up from an old
/// position. Versions come from the server (the schema read when a table is first met) and from the DDL
/// statements that pass in the stream. Thread-safe.
/// </summary>
public sealed partial class SchemaHistory
{
    /// <summary>The position before every other: versions recorded without a known position start here.</summary>
    public static readonly BinlogPosition Beginning = new("", 0);

    private readonly object _gate = new();
    private readonly Dictionary<(string Database, string Table), List<SchemaVersion>> _tables = [];

    /// <summary>The tables with at least one version.</summary>
    public IReadOnlyList<(string Database, string Table)> Tables
    {
        get
        {
            lock (_gate)
            {
                return [.. _tables.Keys];
            }
        }
    }

    /// <summary>
    /// The version in force at <paramref name="at"/>: the last one from at or before it. When every version is
    /// later (a position older than anything recorded), the earliest, which is the closest known. The latest
    /// when <paramref name="at"/> is null. Null when the table has no version.
    /// </summary>
    public SchemaVersion? Find(string database, string table, BinlogPosition? at)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue((database, table), out var versions))
            {
                return null;
            }

            if (at is not { } position)
            {
                return versions[^1];
            }

            for (var i = versions.Count - 1; i >= 0; i--)
            {
                if (BinlogPositionComparer.Instance.Compare(versions[i].From, position) <= 0)
                {
                    return versions[i];
                }
            }

            return versions[0];
        }
    }

    /// <summary>All versions of a table, oldest first.</summary>
    public IReadOnlyList<SchemaVersion> VersionsOf(string database, string table)
    {
        lock (_gate)
        {
            return _tables.TryGetValue((database, table), out var versions) ? [.. versions] : [];
        }
    }

    /// <summary>Records a table's schema as in force from <paramref name="from"/>, replacing a version there.</summary>
    public void Record(TableSchema schema, BinlogPosition from, string? defaultCharacterSet)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Put(schema.Database, schema.Table, new SchemaVersion(from, schema, defaultCharacterSet));
    }

    /// <summary>Records that a table does not exist from <paramref name="from"/> on.</summary>
    public void RecordMissing(string database, string table, BinlogPosition from) =>
        Put(database, table, new SchemaVersion(from, null, null));

    /// <summary>
    /// Marks a table (every table of a database when <paramref name="table"/> is null, every table when both
    /// are null) to be read again from the server for positions from <paramref name="from"/> on.
    /// </summary>
    public IReadOnlyList<(string Database, string Table)> MarkStale(string? database, string? table,
        BinlogPosition from)
    {
        var marked = new List<(string, string)>();
        lock (_gate)
        {
            foreach (var key in _tables.Keys.ToList())
            {
                if ((database is null || key.Database == database) && (table is null || key.Table == table))
                {
                    var current = FindLocked(key, from);
                    PutLocked(key,
                        new SchemaVersion(from, current?.Schema, current?.DefaultCharacterSet, IsStale: true));
                    marked.Add(key);
                }
            }

            if (database is not null && table is not null && marked.Count == 0)
            {
                PutLocked((database, table), new SchemaVersion(from, null, null, IsStale: true));
                marked.Add((database, table));
            }
        }

        return marked;
    }

    /// <summary>
    /// Forgets versions no longer needed by a reader at or after <paramref name="before"/>: per table, those
    /// followed by another version from at or before that position.
    /// </summary>
    public void Prune(BinlogPosition before)
    {
        lock (_gate)
        {
            foreach (var versions in _tables.Values)
            {
                var keepFrom = versions.FindLastIndex(
                    v => BinlogPositionComparer.Instance.Compare(v.From, before) <= 0);
                if (keepFrom > 0)
                {
                    versions.RemoveRange(0, keepFrom);
                }
            }
        }
    }

    /// <summary>Every version of every table as plain data, for a checkpoint.</summary>
    public IReadOnlyList<SchemaHistoryEntry> Export()
    {
        lock (_gate)
        {
            return [.. _tables.SelectMany(pair => pair.Value.Select(version => new SchemaHistoryEntry
            {
                Database = pair.Key.Database,
                Table = pair.Key.Table,
                File = version.From.File,
                Offset = version.From.Offset,
                Columns = version.Schema?.Columns,
                DefaultCharacterSet = version.DefaultCharacterSet,
                IsStale = version.IsStale,
            }))];
        }
    }

    /// <summary>A history holding the exported entries.</summary>
    public static SchemaHistory Import(IEnumerable<SchemaHistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var history = new SchemaHistory();
        foreach (var entry in entries)
        {
            var schema = entry.Columns is null ? null : new TableSchema(entry.Database, entry.Table, entry.Columns);
            history.Put(entry.Database, entry.Table, new SchemaVersion(new BinlogPosition(entry.File, entry.Offset),
                schema, entry.DefaultCharacterSet, entry.IsStale));
        }

        return history;
    }

    private void Put(string database, string table, SchemaVersion version)
    {
        lock (_gate)
        {
            PutLocked((database, table), version);
        }
    }

    private void PutLocked((string Database, string Table) key, SchemaVersion version)
    {
        if (!_tables.TryGetValue(key, out var versions))
        {
            versions = [];
            _tables.Add(key, versions);
        }

        var index = versions.FindIndex(v => BinlogPositionComparer.Instance.Compare(v.From, version.From) >= 0);
        if (index < 0)
        {
            versions.Add(version);
        }
        else if (BinlogPositionComparer.Instance.Compare(versions[index].From, version.From) == 0)
        {
            versions[index] = version;
        }
        else
        {
            versions.Insert(index, version);
        }
    }

    private SchemaVersion? FindLocked((string Database, string Table) key, BinlogPosition at)
    {
        if (!_tables.TryGetValue(key, out var versions))
        {
            return null;
        }

        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (BinlogPositionComparer.Instance.Compare(versions[i].From, at) <= 0)
            {
                return versions[i];
            }
        }

        return null;
    }
}
