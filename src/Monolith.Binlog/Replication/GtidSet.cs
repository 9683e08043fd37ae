using Monolith.Binlog.Protocol;

namespace Monolith.Binlog.Replication;

/// <summary>
/// A replication state expressed in global transaction ids: MySQL's set of executed GTIDs
/// (<see cref="MySqlGtidSet"/>) or MariaDB's last GTID per replication domain (<see cref="MariaDbGtidPosition"/>).
/// Its text form is the one the server itself prints and accepts.
/// </summary>
public abstract class GtidSet
{
    /// <summary>The server family whose GTIDs these are.</summary>
    public abstract ServerFlavor Flavor { get; }

    /// <summary>Whether the set holds no GTID.</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>Parses MySQL's or MariaDB's text form, telling them apart by shape.</summary>
    /// <exception cref="FormatException">Neither form.</exception>
    public static GtidSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MariaDbGtidPosition.LooksLike(text) ? MariaDbGtidPosition.Parse(text) : MySqlGtidSet.Parse(text);
    }
}
