using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// The session state a QUERY event carries in its status-variable block: SQL mode, character sets, the XID of an
/// atomic DDL and the like. Variables are read by code; an unknown code ends the walk (its length is unknown),
/// which is safe because the block's total length is known.
/// </summary>
public readonly struct QueryStatusVariables
{
    /// <summary>The <c>@@sql_mode</c> bits, or 0 when not written.</summary>
    public ulong SqlMode { get; init; }

    /// <summary>The <c>OPTION_*</c> flags (autocommit, foreign key checks, ...), or 0 when not written.</summary>
    public uint Flags2 { get; init; }

    /// <summary>Collation id of <c>character_set_client</c>, or 0 when not written.</summary>
    public ushort ClientCharset { get; init; }

    /// <summary>Collation id of <c>collation_connection</c>, or 0 when not written.</summary>
    public ushort ConnectionCollation { get; init; }

    /// <summary>Collation id of <c>collation_server</c>, or 0 when not written.</summary>
    public ushort ServerCollation { get; init; }

    /// <summary>Collation id of the default database, or 0 when not written.</summary>
    public ushort DatabaseCollation { get; init; }

    /// <summary>MySQL 8: the XID of an atomic DDL statement, or 0.</summary>
    public ulong DdlXid { get; init; }

    /// <summary>MariaDB: the XID written with the statement, or 0.</summary>
    public ulong MariaXid { get; init; }

    /// <summary>Fractional seconds of the statement's start (MySQL <c>Q_MICROSECONDS</c>), or 0.</summary>
    public uint Microseconds { get; init; }

    /// <summary>Reads the block; unknown codes end the walk.</summary>
    /// <exception cref="BinlogFormatException">A known variable overruns the block.</exception>
    public static QueryStatusVariables Read(ReadOnlySpan<byte> block, BinlogPosition? position = null)
    {
        var reader = new SpanReader(block, "QUERY status variables", position);
        ulong sqlMode = 0, ddlXid = 0, mariaXid = 0;
        uint flags2 = 0, micro = 0;
        ushort client = 0, connection = 0, server = 0, database = 0;
        while (reader.Remaining > 0)
        {
            var code = reader.ReadUInt8("code");
            switch (code)
            {
                case 0:
                    flags2 = reader.ReadUInt32("flags2");
                    break;
                case 1:
                    sqlMode = reader.ReadUInt64("sql_mode");
                    break;
                case 2:
                    reader.Skip(reader.ReadUInt8("catalog length") + 1, "catalog");
                    break;
                case 3:
                    reader.Skip(4, "auto_increment");
                    break;
                case 4:
                    client = reader.ReadUInt16("character_set_client");
                    connection = reader.ReadUInt16("collation_connection");
                    server = reader.ReadUInt16("collation_server");
                    break;
                case 5:
                case 6:
                    reader.Skip(reader.ReadUInt8("length"), code == 5 ? "time zone" : "catalog");
                    break;
                case 7:
                    reader.Skip(2, "lc_time_names");
                    break;
                case 8:
                    database = reader.ReadUInt16("collation_database");
                    break;
                case 9:
                    reader.Skip(8, "table map for update");
                    break;
                case 10:
                    reader.Skip(4, "master data written");
                    break;
                case 11:
                    reader.Skip(reader.ReadUInt8("invoker user length"), "invoker user");
                    reader.Skip(reader.ReadUInt8("invoker host length"), "invoker host");
                    break;
                case 12:
                    SkipUpdatedDatabases(ref reader);
                    break;
                case 13:
                    micro = reader.ReadUInt24("microseconds");
                    break;
                case 16:
                case 19:
                case 20:
                    reader.Skip(1, "session flag");
                    break;
                case 17:
                    ddlXid = reader.ReadUInt64("ddl xid");
                    break;
                case 18:
                    reader.Skip(2, "default collation for utf8mb4");
                    break;
                case 128:
                    reader.Skip(3, "hrnow");
                    break;
                case 129:
                    mariaXid = reader.ReadUInt64("xid");
                    break;
                case 130:
                    reader.Skip(1, "gtid flags3");
                    break;
                default:
                    // Unknown variable: its length is not known, so the walk stops here.
                    return Build();
            }
        }

        return Build();

        QueryStatusVariables Build() => new()
        {
            SqlMode = sqlMode,
            Flags2 = flags2,
            ClientCharset = client,
            ConnectionCollation = connection,
            ServerCollation = server,
            DatabaseCollation = database,
            DdlXid = ddlXid,
            MariaXid = mariaXid,
            Microseconds = micro,
        };
    }

    private static void SkipUpdatedDatabases(ref SpanReader reader)
    {
        // 254 means "too many databases to list": no names follow.
        var count = reader.ReadUInt8("updated database count");
        if (count == 254)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            reader.ReadNullTerminated();
        }
    }
}
