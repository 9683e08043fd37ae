using System.Globalization;
using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>
/// What a replica needs to know about its source: version, identity, binlog settings, GTID state, the binlog
/// files kept and the replication user's privileges. For <c>/status</c> and for checking the settings.
/// </summary>
public sealed partial class ServerInfo
{
    private static readonly string[] s_variables =
    [
        "version", "version_comment", "server_id", "server_uuid", "log_bin", "binlog_format", "binlog_row_image",
        "binlog_checksum", "binlog_row_metadata", "binlog_row_value_options", "gtid_mode", "enforce_gtid_consistency",
        "gtid_strict_mode", "gtid_binlog_pos", "gtid_executed", "gtid_purged", "expire_logs_days",
        "binlog_expire_logs_seconds", "log_bin_compress", "binlog_transaction_compression", "max_allowed_packet",
        "lower_case_table_names", "encrypt_binlog", "binlog_encryption",
    ];

    private ServerInfo(string endpoint, ServerVersion version, IReadOnlyDictionary<string, string> variables,
        IReadOnlySet<string> globalPrivileges, IReadOnlyList<BinaryLogFile>? binaryLogs)
    {
        Endpoint = endpoint;
        Version = version;
        Variables = variables;
        GlobalPrivileges = globalPrivileges;
        BinaryLogs = binaryLogs;
    }

    /// <summary>A summary built from values read elsewhere (tests, a captured server).</summary>
    internal static ServerInfo Create(string endpoint, ServerVersion version,
        IReadOnlyDictionary<string, string> variables, IEnumerable<string> globalPrivileges,
        IReadOnlyList<BinaryLogFile>? binaryLogs) =>
        new(endpoint, version, new Dictionary<string, string>(variables, StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(globalPrivileges, StringComparer.OrdinalIgnoreCase), binaryLogs);

    /// <summary>Host and port of the server.</summary>
    public string Endpoint { get; }

    /// <summary>Version and flavour.</summary>
    public ServerVersion Version { get; }

    /// <summary>MySQL or MariaDB.</summary>
    public ServerFlavor Flavor => Version.Flavor;

    /// <summary>The global variables read, by lower-case name (only those the server has).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>
    /// Privileges the replication user holds on <c>*.*</c>, upper case (<c>REPLICATION SLAVE</c>, ...).
    /// </summary>
    public IReadOnlySet<string> GlobalPrivileges { get; }

    /// <summary>The binlog files the server keeps, oldest first; null when the user may not list them.</summary>
    public IReadOnlyList<BinaryLogFile>? BinaryLogs { get; }

    /// <summary><c>server_id</c> of the source.</summary>
    public uint ServerId => uint.TryParse(Get("server_id"), CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary><c>server_uuid</c> (MySQL only).</summary>
    public string? ServerUuid => Get("server_uuid");

    /// <summary>Whether the server writes a binlog.</summary>
    public bool LogBin => IsOn(Get("log_bin"));

    /// <summary><c>binlog_format</c>: ROW, STATEMENT or MIXED.</summary>
    public string BinlogFormat => Get("binlog_format") ?? "";

    /// <summary><c>binlog_row_image</c>: FULL, MINIMAL, NOBLOB (MariaDB also FULL_NODUP).</summary>
    public string BinlogRowImage => Get("binlog_row_image") ?? "";

    /// <summary><c>binlog_checksum</c>: CRC32 or NONE.</summary>
    public string BinlogChecksum => Get("binlog_checksum") ?? "NONE";

    /// <summary><c>binlog_row_metadata</c>: MINIMAL, FULL (or NO_LOG on MariaDB); null before MySQL 8.0.1 and
    /// MariaDB 10.5.</summary>
    public string? BinlogRowMetadata => Get("binlog_row_metadata");

    /// <summary>
    /// MySQL's <c>gtid_mode</c> (OFF, OFF_PERMISSIVE, ON_PERMISSIVE, ON). MariaDB always writes GTIDs, so it
    /// reports <c>ON</c>.
    /// </summary>
    public string GtidMode => Flavor == ServerFlavor.MariaDb ? "ON" : Get("gtid_mode") ?? "OFF";

    /// <summary>MariaDB's <c>gtid_strict_mode</c>; null on MySQL.</summary>
    public bool? GtidStrictMode => Get("gtid_strict_mode") is { } value ? IsOn(value) : null;

    /// <summary>
    /// The GTID state of the binlog: MySQL's <c>gtid_executed</c>, MariaDB's <c>gtid_binlog_pos</c>; null when
    /// unknown.
    /// </summary>
    public GtidSet? BinlogGtids => TryParseGtids(Flavor == ServerFlavor.MariaDb ? Get("gtid_binlog_pos")
        : Get("gtid_executed"));

    /// <summary>MySQL's <c>gtid_purged</c>: GTIDs no longer in any binlog file; null on MariaDB.</summary>
    public MySqlGtidSet? PurgedGtids =>
        Flavor == ServerFlavor.MySql ? TryParseGtids(Get("gtid_purged")) as MySqlGtidSet : null;

    /// <summary>How long binlog files are kept; null when they are never removed automatically.</summary>
    public TimeSpan? BinlogRetention
    {
        get
        {
            if (double.TryParse(Get("binlog_expire_logs_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (double.TryParse(Get("expire_logs_days"), NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var days) && days > 0)
            {
                return TimeSpan.FromDays(days);
            }

            return null;
        }
    }

    /// <summary>Reads the server's settings, privileges and binlog files over an open connection.</summary>
    /// <exception cref="BinlogServerException">The variables cannot be read.</exception>
    /// <exception cref="Protocol.BinlogConnectionException">The connection failed.</exception>
    public static async Task<ServerInfo> QueryAsync(ServerConnection connection,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var names = string.Join(", ", s_variables.Select(name => $"'{name}'"));
        var result = await connection.QueryAsync(
            $"SHOW GLOBAL VARIABLES WHERE Variable_name IN ({names})", cancellationToken);
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in result.Rows)
        {
            variables[row[0]!.ToLowerInvariant()] = row[1] ?? "";
        }

        var grants = await connection.QueryAsync("SHOW GRANTS", cancellationToken);
        var privileges = ParseGlobalPrivileges(grants.Rows.Select(row => row[0] ?? ""));

        List<BinaryLogFile>? logs = null;
        try
        {
            var listed = await connection.QueryAsync("SHOW BINARY LOGS", cancellationToken);
            logs = [.. listed.Rows.Select(row => new BinaryLogFile(row[0] ?? "",
                long.TryParse(row[1], CultureInfo.InvariantCulture, out var size) ? size : 0))];
        }
        catch (BinlogServerException error) when (error.ErrorCode is 1227 or 1381)
        {
            // 1227: the user may not list binlogs; 1381: the binlog is off. Both are reported by Validate.
        }

        return new ServerInfo(connection.Options.Endpoint, connection.ServerVersion, variables, privileges, logs);
    }

    private string? Get(string name) => Variables.TryGetValue(name, out var value) ? value : null;

    private static bool IsOn(string? value) => value is not null &&
        (value.Equals("ON", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static GtidSet? TryParseGtids(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return GtidSet.Parse(text.Trim().Length == 0 ? "" : text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The privileges of <c>GRANT ... ON *.*</c> lines. Only privilege names are kept: a grant line can hold the
    /// user's password hash, which must not travel further.
    /// </summary>
    internal static HashSet<string> ParseGlobalPrivileges(IEnumerable<string> grantLines)
    {
        var privileges = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in grantLines)
        {
            const string Prefix = "GRANT ";
            var on = line.IndexOf(" ON *.* TO ", StringComparison.OrdinalIgnoreCase);
            if (!line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || on < 0)
            {
                continue;
            }

            foreach (var privilege in line[Prefix.Length..on].Split(','))
            {
                privileges.Add(privilege.Trim().ToUpperInvariant());
            }
        }

        return privileges;
    }
}
