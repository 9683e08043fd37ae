namespace Monolith.Binlog.Protocol;

/// <summary>The first byte of a client command packet.</summary>
internal enum CommandCode : byte
{
    Quit = 0x01,
    Query = 0x03,
    Ping = 0x0E,
    BinlogDump = 0x12,
    RegisterSlave = 0x15,
    BinlogDumpGtid = 0x1E,
}
