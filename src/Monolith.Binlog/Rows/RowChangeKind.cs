namespace Monolith.Binlog.Rows;

/// <summary>What a rows event did to its rows.</summary>
public enum RowChangeKind : byte
{
    /// <summary>WRITE_ROWS: each row has an after image.</summary>
    Insert = 1,

    /// <summary>UPDATE_ROWS and PARTIAL_UPDATE_ROWS: each row has a before and an after image.</summary>
    Update = 2,

    /// <summary>DELETE_ROWS: each row has a before image.</summary>
    Delete = 3,
}
