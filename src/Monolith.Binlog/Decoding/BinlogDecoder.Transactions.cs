using Monolith.Binlog.Events;
using Monolith.Binlog.Rows;

namespace Monolith.Binlog.Decoding;

/// <summary>Opening, staging and delivering transactions.</summary>
public sealed partial class BinlogDecoder
{
    private void OpenTransaction(in EventHeader header, BinlogPosition position)
    {
        ClearTransaction();
        _transaction = TakePending(header, position);
        _transactionOpen = true;
    }

    private TransactionInfo TakePending(in EventHeader header, BinlogPosition position)
    {
        var info = _hasPendingGtid
            ? _pending
            : new TransactionInfo
            {
                BeginPosition = position,
                Timestamp = header.Timestamp,
                ServerId = header.ServerId,
            };
        _hasPendingGtid = false;
        return info;
    }

    /// <summary>Delivers the open transaction: its start, every staged rows event in order, its commit.</summary>
    private void Commit(TransactionEnding ending, long end, uint timestamp, ulong xid)
    {
        try
        {
            _consumer.OnTransactionStart(_transaction);
            var replay = _stage.StartReplay();
            var delivered = 0;
            while (replay.TryReadNext(out var record, out var body))
            {
                var decoder = _transactionTables[record.DecoderIndex];
                var position = new BinlogPosition(_file, record.Offset);
                var header = RowsEventHeader.Read(body, record.Type, record.PostHeaderLength, position,
                    record.Timestamp, record.ServerId);
                _consumer.OnRows(new RowsEvent(decoder, header, body));
                delivered++;
            }

            TrackCommit(_transaction.Gtid, new BinlogPosition(_file, end));
            _consumer.OnTransactionCommit(new TransactionCommit
            {
                Gtid = _transaction.Gtid,
                EndPosition = new BinlogPosition(_file, end),
                Xid = xid,
                Timestamp = timestamp,
                Ending = ending,
                RowsEventCount = delivered,
            });
            _statistics = _statistics with
            {
                Transactions = _statistics.Transactions + 1,
                RowsEvents = _statistics.RowsEvents + delivered,
            };
        }
        finally
        {
            ClearTransaction();
        }
    }

    /// <summary>A statement outside any transaction is delivered as a transaction of its own.</summary>
    private void DeliverStandalone(in EventHeader header, BinlogPosition position, long end,
        TransactionEnding ending, ulong xid, SchemaChange? change)
    {
        var info = TakePending(header, position);
        _consumer.OnTransactionStart(info);
        if (change is { } schemaChange)
        {
            _consumer.OnSchemaChange(schemaChange);
        }

        TrackCommit(info.Gtid, new BinlogPosition(_file, end));
        _consumer.OnTransactionCommit(new TransactionCommit
        {
            Gtid = info.Gtid,
            EndPosition = new BinlogPosition(_file, end),
            Xid = xid,
            Timestamp = header.Timestamp,
            Ending = ending,
        });
        _statistics = _statistics with { Transactions = _statistics.Transactions + 1 };
    }

    private void Abandon(string reason, BinlogPosition position)
    {
        var began = _transaction.BeginPosition;
        Log.TransactionAbandoned(_logger, began.ToString(), reason);
        Notify(DecoderNoticeKind.TransactionAbandoned, BinlogEventType.Unknown, position,
            $"Discarded the open transaction that began at {began}: {reason}");
        _statistics = _statistics with { TransactionsAbandoned = _statistics.TransactionsAbandoned + 1 };
        ClearTransaction();
    }

    private void ClearTransaction()
    {
        _transactionOpen = false;
        _transaction = default;
        _stage.Clear();
        _transactionTables.Clear();
    }
}
