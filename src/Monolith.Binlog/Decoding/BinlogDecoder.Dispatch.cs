using System.Buffers;
using System.Text;
using Monolith.Binlog.Events;
using Monolith.Binlog.Primitives;
using Monolith.Binlog.Rows;
using Monolith.Binlog.Statements;

namespace Monolith.Binlog.Decoding;

/// <summary>Handling of each event type.</summary>
public sealed partial class BinlogDecoder
{
    private void Dispatch(in EventHeader header, ReadOnlySpan<byte> body, BinlogPosition position, long end)
    {
        switch (header.Type)
        {
            case BinlogEventType.Query:
            case BinlogEventType.MariaQueryCompressed:
                OnQuery(header, body, position, end);
                break;
            case BinlogEventType.Xid:
                var xid = XidEvent.Read(body, position);
                if (_transactionOpen)
                {
                    Commit(TransactionEnding.Xid, end, header.Timestamp, xid.Xid);
                }

                break;
            case BinlogEventType.TableMap:
                OnTableMap(body, position);
                break;
            case BinlogEventType.WriteRowsV1:
            case BinlogEventType.UpdateRowsV1:
            case BinlogEventType.DeleteRowsV1:
            case BinlogEventType.WriteRowsV2:
            case BinlogEventType.UpdateRowsV2:
            case BinlogEventType.DeleteRowsV2:
            case BinlogEventType.PartialUpdateRows:
                OnRows(header, header.Type, body, position);
                break;
            case BinlogEventType.MariaWriteRowsCompressedV1:
            case BinlogEventType.MariaUpdateRowsCompressedV1:
            case BinlogEventType.MariaDeleteRowsCompressedV1:
            case BinlogEventType.MariaWriteRowsCompressed:
            case BinlogEventType.MariaUpdateRowsCompressed:
            case BinlogEventType.MariaDeleteRowsCompressed:
                OnCompressedRows(header, body, position);
                break;
            case BinlogEventType.Gtid:
            case BinlogEventType.AnonymousGtid:
                var gtid = GtidEvent.Read(body, header.Type == BinlogEventType.AnonymousGtid, position);
                OnGtid(header, gtid.Gtid, gtid.OriginalCommitTimestamp, position);
                break;
            case BinlogEventType.GtidTagged:
                var tagged = GtidTaggedEvent.Read(body, position);
                OnGtid(header, tagged.Gtid, tagged.OriginalCommitTimestamp, position);
                break;
            case BinlogEventType.MariaGtid:
                var maria = MariaGtidEvent.Read(body, header.ServerId, position);
                OnGtid(header, maria.Gtid, 0, position);
                if (!maria.Standalone)
                {
                    // MariaDB's GTID event stands in for BEGIN.
                    OpenTransaction(header, position);
                }

                break;
            case BinlogEventType.XaPrepare:
                var prepare = XaPrepareEvent.Read(body, position);
                if (_transactionOpen)
                {
                    Commit(prepare.OnePhase ? TransactionEnding.Commit : TransactionEnding.XaPrepare, end,
                        header.Timestamp, 0);
                }

                break;
            case BinlogEventType.Rotate:
                OnRotate(header, body, position);
                break;
            case BinlogEventType.Heartbeat:
            case BinlogEventType.HeartbeatV2:
                var heartbeat = HeartbeatEvent.Read(body, header, position);
                Progress(new BinlogPosition(heartbeat.File.Length > 0 ? heartbeat.File : _file,
                    (long)heartbeat.Position), header);
                break;
            case BinlogEventType.TransactionPayload:
                OnTransactionPayload(body, position, end);
                break;
            case BinlogEventType.Incident:
                var incident = IncidentEvent.Read(body, position);
                Log.Incident(_logger, incident.Incident, position.ToString(), incident.Message);
                Notify(DecoderNoticeKind.Incident, header.Type, position,
                    $"The source logged incident {incident.Incident}: {incident.Message}");
                break;
            case BinlogEventType.PreviousGtids:
                OnPreviousGtids(PreviousGtidsEvent.Read(body, position));
                break;
            case BinlogEventType.MariaGtidList:
                OnGtidList(MariaGtidListEvent.Read(body, position), position);
                break;
            case BinlogEventType.MariaBinlogCheckpoint:
                BinlogCheckpointEvent.Read(body, position);
                break;
            case BinlogEventType.Intvar:
                IntvarEvent.Read(body, position);
                break;
            case BinlogEventType.Rand:
                RandEvent.Read(body, position);
                break;
            case BinlogEventType.UserVar:
                UserVarEvent.Read(body, position);
                break;
            case BinlogEventType.ExecuteLoadQuery:
                OnStatement(header, position, end);
                break;
            case BinlogEventType.MariaStartEncryption:
                throw StartEncryptionEvent.NotSupported(position);
            case BinlogEventType.PreGaWriteRows:
            case BinlogEventType.PreGaUpdateRows:
            case BinlogEventType.PreGaDeleteRows:
                ThrowHelper.ThrowFormat(
                    $"{header.Type} events (MySQL 5.1 before 5.1.18) are not supported", position);
                break;
            case BinlogEventType.Stop:
            case BinlogEventType.RowsQuery:
            case BinlogEventType.MariaAnnotateRows:
            case BinlogEventType.Ignorable:
            case BinlogEventType.TransactionContext:
            case BinlogEventType.ViewChange:
            case BinlogEventType.BeginLoadQuery:
            case BinlogEventType.AppendBlock:
            case BinlogEventType.CreateFile:
            case BinlogEventType.ExecLoad:
            case BinlogEventType.DeleteFile:
            case BinlogEventType.NewLoad:
            case BinlogEventType.Load:
            case BinlogEventType.Slave:
                // Informational, or the pieces of a statement-based LOAD DATA whose effect is not rows.
                break;
            case BinlogEventType.FormatDescription:
                ThrowHelper.ThrowFormat("A FORMAT_DESCRIPTION inside a TRANSACTION_PAYLOAD is not allowed",
                    position);
                break;
            default:
                OnUnknown(header, position);
                break;
        }
    }

    private void OnQuery(in EventHeader header, ReadOnlySpan<byte> body, BinlogPosition position, long end)
    {
        var query = QueryEvent.Read(body, PostHeaderLength(header.Type, PostHeaderLength(BinlogEventType.Query, 13)),
            position);
        if (header.Type == BinlogEventType.MariaQueryCompressed)
        {
            _decompressed.Length = 0;
            MariaCompression.Decompress(query.Statement, _decompressed, _options.MaxEventSize, position);
            query = query.WithStatement(_decompressed.Written);
        }

        var sql = query.Statement;
        StatementInfo statement;
        if (Ascii.EqualsIgnoreCase(sql, "BEGIN"u8))
        {
            statement = new StatementInfo(StatementKind.Begin, null, []);
        }
        else if (Ascii.EqualsIgnoreCase(sql, "COMMIT"u8))
        {
            statement = new StatementInfo(StatementKind.Commit, null, []);
        }
        else
        {
            statement = StatementClassifier.Classify(sql, query.GetDatabase());
        }

        if (statement.IsSchemaChange)
        {
            OnSchemaChange(header, query, statement, position, end);
            return;
        }

        switch (statement.Kind)
        {
            case StatementKind.Begin:
            case StatementKind.XaStart:
                if (!_transactionOpen)
                {
                    OpenTransaction(header, position);
                }

                break;
            case StatementKind.Commit:
                if (_transactionOpen)
                {
                    Commit(TransactionEnding.Commit, end, header.Timestamp, query.StatusVariables.MariaXid);
                }

                break;
            case StatementKind.Rollback:
                if (_transactionOpen)
                {
                    Commit(TransactionEnding.Rollback, end, header.Timestamp, 0);
                }

                break;
            case StatementKind.XaPrepare:
                if (_transactionOpen)
                {
                    Commit(TransactionEnding.XaPrepare, end, header.Timestamp, 0);
                }

                break;
            case StatementKind.XaCommit when statement.OnePhase && _transactionOpen:
                Commit(TransactionEnding.Commit, end, header.Timestamp, 0);
                break;
            case StatementKind.XaEnd:
            case StatementKind.Savepoint:
                break;
            default:
                OnStatement(header, position, end);
                break;
        }
    }

    private void OnStatement(in EventHeader header, BinlogPosition position, long end)
    {
        if (!_transactionOpen)
        {
            DeliverStandalone(header, position, end, TransactionEnding.Statement, 0, null);
            return;
        }

        _statistics = _statistics with { StatementsNotDecoded = _statistics.StatementsNotDecoded + 1 };
        if (!_statementNoticeSent)
        {
            _statementNoticeSent = true;
            Log.StatementNotDecoded(_logger, position.ToString());
            Notify(DecoderNoticeKind.StatementNotDecoded, header.Type, position,
                "A statement-based change inside a transaction cannot be decoded into rows (binlog_format is not " +
                "ROW for it); its effect is missing from the change stream");
        }
    }

    private void OnSchemaChange(in EventHeader header, QueryEvent query, StatementInfo statement,
        BinlogPosition position, long end)
    {
        var database = statement.Database ?? (statement.Tables.Count > 0 ? statement.Tables[0].Database : null) ??
            query.GetDatabase();
        var change = new SchemaChange
        {
            Kind = statement.Kind,
            Database = database,
            DefaultDatabase = query.GetDatabase(),
            Table = statement.Tables.Count > 0 ? statement.Tables[0].Table : null,
            Tables = statement.Tables,
            IsTemporary = statement.IsTemporary,
            Statement = query.GetStatementText(),
            Position = position,
            EndPosition = new BinlogPosition(_file, end),
            Timestamp = header.Timestamp,
            Gtid = _transactionOpen ? _transaction.Gtid : _hasPendingGtid ? _pending.Gtid : default,
        };
        _schemas?.OnSchemaChange(change);
        Invalidate(statement, database);
        Log.SchemaChanged(_logger, statement.Kind.ToString(), change.Database, change.Table, position.ToString());
        _statistics = _statistics with { SchemaChanges = _statistics.SchemaChanges + 1 };

        if (_transactionOpen)
        {
            // DDL inside an open transaction (CREATE TEMPORARY TABLE in mixed logging): the schema is already
            // changed, so the consumer hears of it now.
            _consumer.OnSchemaChange(change);
            return;
        }

        DeliverStandalone(header, position, end, TransactionEnding.SchemaChange, query.StatusVariables.DdlXid,
            change);
    }

    /// <summary>Drops cached decoders of the tables (or database) a DDL statement names.</summary>
    private void Invalidate(StatementInfo statement, string? database)
    {
        if (statement.Kind is StatementKind.CreateDatabase or StatementKind.AlterDatabase or
            StatementKind.DropDatabase)
        {
            RemoveCachedTables(database, null);
            return;
        }

        foreach (var table in statement.Tables)
        {
            RemoveCachedTables(table.Database, table.Table);
        }
    }

    private void RemoveCachedTables(string? database, string? table)
    {
        List<ulong>? stale = null;
        foreach (var (id, cached) in _tables)
        {
            var decoder = cached.Decoder;
            if ((database is null || string.Equals(decoder.Database, database, StringComparison.OrdinalIgnoreCase)) &&
                (table is null || string.Equals(decoder.Table, table, StringComparison.OrdinalIgnoreCase)))
            {
                (stale ??= []).Add(id);
            }
        }

        foreach (var id in stale ?? [])
        {
            _tables.Remove(id);
        }
    }

    private void OnTableMap(ReadOnlySpan<byte> body, BinlogPosition position)
    {
        var postHeaderLength = PostHeaderLength(BinlogEventType.TableMap, 8);
        var peek = new SpanReader(body, "TABLE_MAP", position);
        var tableId = postHeaderLength == 6 ? peek.ReadUInt32("table id") : peek.ReadUInt48("table id");
        if (_tables.TryGetValue(tableId, out var cached) && body.SequenceEqual(cached.Body))
        {
            _statistics = _statistics with { TableMapCacheHits = _statistics.TableMapCacheHits + 1 };
            return;
        }

        var map = TableMapEvent.Read(body, postHeaderLength, _format?.IsMariaDb ?? false, position);
        var schema = _schemas?.GetTable(map.Database, map.Table, position);
        var decoder = TableDecoder.Create(map, schema, position);
        if (decoder.SchemaMismatch is { } reason && _reportedMismatches.Add($"{map.Database}.{map.Table}"))
        {
            Log.SchemaMismatch(_logger, $"{map.Database}.{map.Table}", reason);
            Notify(DecoderNoticeKind.SchemaMismatch, BinlogEventType.TableMap, position,
                $"The schema of {map.Database}.{map.Table} does not fit its TABLE_MAP ({reason}); columns are " +
                "decoded by the TABLE_MAP's types and named @1, @2, ...");
        }

        if (_tables.Count >= _options.MaxCachedTables)
        {
            // Every transaction repeats the TABLE_MAPs it needs, so starting over only costs rebuilding them.
            _tables.Clear();
        }

        _tables[tableId] = new CachedTable(body.ToArray(), decoder);
        _statistics = _statistics with { TableDecodersBuilt = _statistics.TableDecodersBuilt + 1 };
    }

    private void OnRows(in EventHeader header, BinlogEventType type, ReadOnlySpan<byte> body, BinlogPosition position)
    {
        var isV1 = type is BinlogEventType.WriteRowsV1 or BinlogEventType.UpdateRowsV1 or BinlogEventType.DeleteRowsV1;
        var postHeaderLength = PostHeaderLength(type, isV1 ? 8 : 10);
        var rows = RowsEventHeader.Read(body, type, postHeaderLength, position, header.Timestamp, header.ServerId);
        if (!_tables.TryGetValue(rows.TableId, out var cached))
        {
            // Table id 0x00FFFFFF with the statement-end flag is a dummy event that only ends a statement.
            if (rows.TableId == 0x00FFFFFF)
            {
                return;
            }

            ThrowHelper.ThrowFormat(
                $"{type} event refers to table id {rows.TableId}, which no TABLE_MAP before it defined", position);
        }

        var decoder = cached!.Decoder;
        if (_options.ValidateRows)
        {
            Validate(decoder, rows, body);
        }

        if (!_transactionOpen)
        {
            OpenTransaction(header, position);
        }

        var index = _transactionTables.Count > 0 && ReferenceEquals(_transactionTables[^1], decoder)
            ? _transactionTables.Count - 1
            : IndexOfTable(decoder);
        var record = new StagedRowsRecord(type, (byte)postHeaderLength, index, position.Offset, header.Timestamp,
            header.ServerId, body.Length);
        if (_stage.Append(record, body))
        {
            _statistics = _statistics with { TransactionsSpilled = _statistics.TransactionsSpilled + 1 };
            Log.TransactionSpilled(_logger, _transaction.BeginPosition.ToString(), _options.StagingMemoryLimit,
                _stage.SpillPath ?? string.Empty);
            Notify(DecoderNoticeKind.TransactionSpilled, type, position,
                $"The transaction that began at {_transaction.BeginPosition} outgrew {_options.StagingMemoryLimit} " +
                "bytes in memory and is staged in a temporary file");
        }
    }

    private int IndexOfTable(TableDecoder decoder)
    {
        for (var i = 0; i < _transactionTables.Count; i++)
        {
            if (ReferenceEquals(_transactionTables[i], decoder))
            {
                return i;
            }
        }

        _transactionTables.Add(decoder);
        return _transactionTables.Count - 1;
    }

    private static void Validate(TableDecoder decoder, in RowsEventHeader rows, ReadOnlySpan<byte> body)
    {
        var scratch = ArrayPool<int>.Shared.Rent(Math.Max(decoder.ScratchLength, 1));
        try
        {
            var reader = new RowsEventReader(decoder, rows, body, scratch, strict: true);
            while (reader.MoveNext())
            {
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// MariaDB's compressed rows events keep the post-header, column count and bitmaps as they are and compress
    /// the row images; the body is rebuilt uncompressed and handled as the plain event type.
    /// </summary>
    private void OnCompressedRows(in EventHeader header, ReadOnlySpan<byte> body, BinlogPosition position)
    {
        var type = MariaCompression.ToUncompressedType(header.Type);
        var isV1 = header.Type <= BinlogEventType.MariaDeleteRowsCompressedV1;
        var postHeaderLength = PostHeaderLength(header.Type, PostHeaderLength(type, isV1 ? 8 : 10));
        var rows = RowsEventHeader.Read(body, type, postHeaderLength, position);
        var reader = new SpanReader(body[rows.RowsOffset..], header.Type.ToString(), position);
        var count = reader.ReadPackedLength("column count", TableMapEvent.MaxColumns);
        var bitmaps = type is BinlogEventType.UpdateRowsV1 or BinlogEventType.UpdateRowsV2 ? 2 : 1;
        reader.Skip(bitmaps * ((count + 7) / 8), "columns-present bitmaps");
        var prefix = rows.RowsOffset + reader.Offset;

        _decompressed.Length = 0;
        _decompressed.EnsureCapacity(prefix);
        body[..prefix].CopyTo(_decompressed.Array);
        _decompressed.Length = prefix;
        MariaCompression.Decompress(body[prefix..], _decompressed, _options.MaxEventSize, position);
        OnRows(header, type, _decompressed.Written, position);
    }

    private void OnGtid(in EventHeader header, Gtid gtid, ulong originalCommitTimestamp, BinlogPosition position)
    {
        if (_transactionOpen)
        {
            Abandon($"the next transaction's GTID arrived at {position} before it committed", position);
        }

        _pending = new TransactionInfo
        {
            Gtid = gtid,
            BeginPosition = position,
            Timestamp = header.Timestamp,
            ServerId = header.ServerId,
            OriginalCommitTimestamp = originalCommitTimestamp,
        };
        _hasPendingGtid = true;
    }

    private void OnRotate(in EventHeader header, ReadOnlySpan<byte> body, BinlogPosition position)
    {
        var rotate = RotateEvent.Read(body, header, PostHeaderLength(BinlogEventType.Rotate, 8), position);
        _file = rotate.NextFile;
        _nextOffset = (long)rotate.Position;
        Progress(new BinlogPosition(_file, _nextOffset), header);
    }

    private void OnTransactionPayload(ReadOnlySpan<byte> body, BinlogPosition position, long end)
    {
        if (_inPayload)
        {
            ThrowHelper.ThrowFormat("A TRANSACTION_PAYLOAD inside a TRANSACTION_PAYLOAD is not allowed", position);
        }

        var payload = TransactionPayloadEvent.Read(body, position);
        _zstd ??= new ZstdSharp.Decompressor();
        _inPayload = true;
        try
        {
            var reader = new TransactionPayloadReader(payload, body[payload.PayloadOffset..], _zstd, _payload,
                _options.MaxEventSize, position);
            while (reader.TryReadNext(out var inner))
            {
                // Inner events carry no checksum and log position 0: they take the payload event's place.
                var innerHeader = EventHeader.Read(inner, position);
                _statistics = _statistics with { PayloadEvents = _statistics.PayloadEvents + 1 };
                Dispatch(innerHeader, inner[EventHeader.Size..], position, end);
            }
        }
        finally
        {
            _inPayload = false;
            _payload.Shrink(1024 * 1024);
        }
    }

    private void OnUnknown(in EventHeader header, BinlogPosition position)
    {
        _statistics = _statistics with { UnknownEventsSkipped = _statistics.UnknownEventsSkipped + 1 };
        if (_reportedUnknownTypes.Add((int)header.Type))
        {
            Log.UnknownEventSkipped(_logger, (int)header.Type, position.ToString());
            var ignorable = (header.Flags & EventFlags.Ignorable) != 0 ? " (flagged ignorable)" : string.Empty;
            Notify(DecoderNoticeKind.UnknownEventSkipped, header.Type, position,
                $"Skipped an event of unknown type {(int)header.Type}{ignorable}, {header.EventSize} bytes; " +
                "later events of this type are skipped without notice");
        }
    }

    private void Progress(BinlogPosition position, in EventHeader header)
    {
        if (!_transactionOpen && !_inPayload)
        {
            _resumePosition = position;
            _consumer.OnProgress(new BinlogProgress
            {
                Position = position,
                EventType = header.Type,
                Timestamp = header.Timestamp,
            });
        }
    }

    private void Notify(DecoderNoticeKind kind, BinlogEventType type, BinlogPosition position, string message) =>
        _consumer.OnNotice(new DecoderNotice { Kind = kind, EventType = type, Position = position, Message = message });
}
