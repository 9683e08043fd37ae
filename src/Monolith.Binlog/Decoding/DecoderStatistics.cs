namespace Monolith.Binlog.Decoding;

/// <summary>Counters of a <see cref="BinlogDecoder"/> since it was created.</summary>
public readonly record struct DecoderStatistics
{
    /// <summary>Events fed (a TRANSACTION_PAYLOAD counts as one).</summary>
    public long Events { get; init; }

    /// <summary>Events found inside TRANSACTION_PAYLOAD events.</summary>
    public long PayloadEvents { get; init; }

    /// <summary>Bytes fed.</summary>
    public long Bytes { get; init; }

    /// <summary>Rows events delivered in committed transactions.</summary>
    public long RowsEvents { get; init; }

    /// <summary>Transactions delivered.</summary>
    public long Transactions { get; init; }

    /// <summary>DDL statements delivered.</summary>
    public long SchemaChanges { get; init; }

    /// <summary>Events of unknown types skipped.</summary>
    public long UnknownEventsSkipped { get; init; }

    /// <summary>Statement-based changes inside transactions that could not be decoded into rows.</summary>
    public long StatementsNotDecoded { get; init; }

    /// <summary>Table decoders built (a TABLE_MAP not seen before).</summary>
    public long TableDecodersBuilt { get; init; }

    /// <summary>TABLE_MAP events answered from the cache.</summary>
    public long TableMapCacheHits { get; init; }

    /// <summary>Transactions staged in a temporary file because they outgrew the memory limit.</summary>
    public long TransactionsSpilled { get; init; }

    /// <summary>Open transactions discarded without delivery.</summary>
    public long TransactionsAbandoned { get; init; }
}
