namespace Monolith.Binlog.Events;

/// <summary>Flags in bytes 17-18 of the event header.</summary>
[Flags]
public enum EventFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>
    /// Set in the FORMAT_DESCRIPTION of a binlog file that is open (or was not closed cleanly). The event's CRC32
    /// is computed with this bit cleared.
    /// </summary>
    BinlogInUse = 0x1,

    /// <summary>The event does not need a thread-specific context (obsolete).</summary>
    ThreadSpecific = 0x4,

    /// <summary>The event's statement ran without a default database being set.</summary>
    SuppressUse = 0x8,

    /// <summary>Created by the server for the replica, not read from a binlog file (fake ROTATE, FDE).</summary>
    Artificial = 0x20,

    /// <summary>Written by a replica's I/O thread into its relay log.</summary>
    RelayLog = 0x40,

    /// <summary>A reader that does not know the event type may skip it.</summary>
    Ignorable = 0x80,
}
