namespace Monolith.Binlog.Schema;

/// <summary>What a statement passing in the stream did to the schema history.</summary>
public enum DdlOutcome
{
    /// <summary>The statement changes no table's columns (DML, BEGIN, CREATE INDEX, GRANT, ...).</summary>
    NotSchemaChange,

    /// <summary>The statement was interpreted and new schema versions recorded.</summary>
    Applied,

    /// <summary>
    /// The statement changes tables in a way not interpreted; they will be read again from the server.
    /// </summary>
    ReadAgain,
}
