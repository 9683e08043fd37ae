namespace Monolith.Binlog.Events;

/// <summary>
/// MariaDB START_ENCRYPTION_EVENT (type 164): every event after it in the file is encrypted. Encrypted binlog files
/// cannot be decoded without the server's key management, so reading one raises a clear error.
/// </summary>
public static class StartEncryptionEvent
{
    /// <summary>Raises the error that says why the file cannot be read.</summary>
    /// <exception cref="BinlogFormatException">Always.</exception>
    public static BinlogFormatException NotSupported(BinlogPosition? position) => new(
        "The binlog is encrypted (MariaDB START_ENCRYPTION event): encrypted binlogs are not supported; read them " +
        "through the server's replication stream, which sends them decrypted", position);
}
