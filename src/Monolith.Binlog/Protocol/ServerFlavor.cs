namespace Monolith.Binlog.Protocol;

/// <summary>Which server family is on the other end: their replication protocols differ in GTIDs and names.</summary>
public enum ServerFlavor
{
    /// <summary>Oracle MySQL, or a server that speaks as it does (Percona Server).</summary>
    MySql,

    /// <summary>MariaDB.</summary>
    MariaDb,
}
