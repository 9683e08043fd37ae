namespace Monolith.Binlog.Protocol;

/// <summary>
/// Capability flags of the client/server protocol. The low 32 bits are MySQL's; MariaDB announces its own
/// extended capabilities in four more bytes of the handshake, kept here in the high 32 bits.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Flags" is the protocol's own name for this set.
public enum CapabilityFlags : ulong
#pragma warning restore CA1711
{
    None = 0,

    /// <summary>MySQL: new, longer password hashes. A MariaDB server clears it to say it is not MySQL.</summary>
    LongPassword = 1,
    FoundRows = 1 << 1,
    LongFlag = 1 << 2,
    ConnectWithDatabase = 1 << 3,
    NoSchema = 1 << 4,
    Compress = 1 << 5,
    Odbc = 1 << 6,
    LocalFiles = 1 << 7,
    IgnoreSpace = 1 << 8,
    Protocol41 = 1 << 9,
    Interactive = 1 << 10,
    Ssl = 1 << 11,
    IgnoreSigpipe = 1 << 12,
    Transactions = 1 << 13,
    Reserved = 1 << 14,
    SecureConnection = 1 << 15,
    MultiStatements = 1 << 16,
    MultiResults = 1 << 17,
    PreparedStatementMultiResults = 1 << 18,
    PluginAuth = 1 << 19,
    ConnectAttributes = 1 << 20,
    PluginAuthLengthEncodedClientData = 1 << 21,
    CanHandleExpiredPasswords = 1 << 22,
    SessionTrack = 1 << 23,
    DeprecateEof = 1 << 24,
    OptionalResultsetMetadata = 1 << 25,
    ZstdCompression = 1 << 26,
    QueryAttributes = 1 << 27,
    MultiFactorAuthentication = 1 << 28,
    CapabilityExtension = 1 << 29,
    SslVerifyServerCertificate = 1 << 30,
    RememberOptions = 1UL << 31,

    /// <summary>MariaDB: progress report packets for long statements.</summary>
    MariaDbProgress = 1UL << 32,

    /// <summary>MariaDB: several commands in one packet.</summary>
    MariaDbComMulti = 1UL << 33,

    /// <summary>MariaDB: bulk execution of prepared statements.</summary>
    MariaDbStatementBulkOperations = 1UL << 34,

    /// <summary>MariaDB: extended type information in column definitions.</summary>
    MariaDbExtendedMetadata = 1UL << 35,

    /// <summary>MariaDB: result-set metadata may be skipped when unchanged.</summary>
    MariaDbCacheMetadata = 1UL << 36,

    /// <summary>MariaDB 11: bulk operations return one result per row.</summary>
    MariaDbBulkUnitResults = 1UL << 37,
}
