using System.Text;

namespace Monolith.Binlog.Protocol;

public sealed partial class ServerConnection
{
    // MySQL allows 4096 columns per table; a count above this is a damaged packet, not a wide result.
    private const int MaxResultColumns = 4096;

    /// <summary>Runs a statement with COM_QUERY and returns its first result set (or affected-row count).</summary>
    /// <exception cref="BinlogServerException">
    /// The server answered with an error; code, SQL state and message.</exception>
    /// <exception cref="BinlogConnectionException">The connection broke or the answer took longer than
    /// <see cref="ConnectionOptions.ReadTimeout"/>; the connection is unusable afterwards.</exception>
    public async Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfUnusable();
        ProtocolLog.Query(_logger, _options.Endpoint, sql);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadTimeout);
        try
        {
            await SendQueryAsync(sql, timeout.Token);
            return await ReadResultAsync(sql, timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _broken = true;
            throw new BinlogConnectionException(
                $"The server {_options.Endpoint} did not answer within {_options.ReadTimeout}: {Abbreviate(sql)}",
                exception, isTimeout: true);
        }
        catch (Exception exception) when (exception is not BinlogServerException)
        {
            // Anything but a clean error packet leaves the conversation at an unknown point.
            _broken = true;
            throw;
        }
    }

    /// <summary>Runs a statement that returns no rows and gives the number of rows it changed.</summary>
    /// <exception cref="BinlogServerException">The server answered with an error.</exception>
    /// <exception cref="BinlogConnectionException">The connection broke or timed out.</exception>
    public async Task<ulong> ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        (await QueryAsync(sql, cancellationToken)).AffectedRows;

    /// <summary>Starts a command: sends its packet with sequence id 0.</summary>
    internal async ValueTask SendCommandAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        _channel.ResetSequence();
        try
        {
            await _channel.WritePacketAsync(payload, cancellationToken);
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    /// <summary>Reads the server's answer to a command that expects OK (or ERR).</summary>
    internal async ValueTask ReadOkAsync(string context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadTimeout);
        ReadOnlyMemory<byte> packet;
        try
        {
            packet = await _channel.ReadPacketAsync(_time, timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _broken = true;
            throw new BinlogConnectionException(
                $"The server {_options.Endpoint} did not answer within {_options.ReadTimeout}: {context}", exception,
                isTimeout: true);
        }

        switch (packet.Span[0])
        {
            case OkPacket.Header:
                return;
            case ErrorPacket.Header:
                throw ErrorPacket.Parse(packet.Span).ToException(context);
            default:
                _broken = true;
                throw new BinlogProtocolException(
                    $"{context}: expected OK or ERR from {_options.Endpoint}, received a packet starting with " +
                    $"0x{packet.Span[0]:X2}.");
        }
    }

    private async ValueTask SendQueryAsync(string sql, CancellationToken cancellationToken)
    {
        var writer = new PayloadWriter(Encoding.UTF8.GetByteCount(sql) + 1);
        writer.WriteByte((byte)CommandCode.Query).WriteString(sql);
        _channel.ResetSequence();
        await _channel.WritePacketAsync(writer.WrittenMemory, cancellationToken);
    }

    private async Task<QueryResult> ReadResultAsync(string sql, CancellationToken cancellationToken)
    {
        var first = await ReadResultSetAsync(sql, cancellationToken);
        var status = first.Status;
        while ((status & ServerStatus.MoreResultsExist) != 0)
        {
            // Further result sets (a CALL) are read to keep the conversation in step, and dropped.
            status = (await ReadResultSetAsync(sql, cancellationToken)).Status;
        }

        return first.Result;
    }

    private async Task<(QueryResult Result, ServerStatus Status)> ReadResultSetAsync(string sql,
        CancellationToken cancellationToken)
    {
        var packet = await _channel.ReadPacketAsync(_time, cancellationToken);
        switch (packet.Span[0])
        {
            case OkPacket.Header:
                var ok = OkPacket.Parse(packet.Span);
                return (new QueryResult([], ok.AffectedRows), ok.Status);
            case ErrorPacket.Header:
                throw ErrorPacket.Parse(packet.Span).ToException($"Query on {_options.Endpoint} '{Abbreviate(sql)}'");
            case 0xFB:
                throw new BinlogProtocolException(
                    $"The server {_options.Endpoint} asked for a local file upload (LOAD DATA LOCAL), which this " +
                    "client never allows.");
        }

        var countReader = new PayloadReader(packet.Span, "result set header");
        var columnCount = countReader.ReadLengthEncodedInteger();
        if (columnCount is 0 or > MaxResultColumns)
        {
            throw new BinlogFormatException(
                $"A result set from {_options.Endpoint} announces {columnCount} columns; 1 to {MaxResultColumns} " +
                "are possible.");
        }

        var columns = new ColumnDefinition[(int)columnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = ColumnDefinition.Parse((await _channel.ReadPacketAsync(_time, cancellationToken)).Span);
        }

        var deprecateEof = (Capabilities & CapabilityFlags.DeprecateEof) != 0;
        if (!deprecateEof)
        {
            var eof = await _channel.ReadPacketAsync(_time, cancellationToken);
            if (!EofPacket.Is(eof.Span))
            {
                throw new BinlogProtocolException(
                    $"Expected the EOF packet after {columns.Length} column definitions from {_options.Endpoint}, " +
                    $"received a packet starting with 0x{eof.Span[0]:X2}.");
            }
        }

        var result = new QueryResult(columns, 0);
        while (true)
        {
            var row = await _channel.ReadPacketAsync(_time, cancellationToken);
            var span = row.Span;
            if (span[0] == ErrorPacket.Header)
            {
                throw ErrorPacket.Parse(span).ToException($"Query on {_options.Endpoint} '{Abbreviate(sql)}'");
            }

            // The end of the rows: an OK packet with the EOF header under DEPRECATE_EOF, else an EOF packet.
            // A row can start with 0xFE only when its first value is 16 MB or longer, so the length decides.
            if (span[0] == EofPacket.Header && span.Length < PacketFramer.MaxChunkLength)
            {
                var status = deprecateEof ? OkPacket.Parse(span).Status : EofPacket.Parse(span).Status;
                if (deprecateEof || EofPacket.Is(span))
                {
                    return (result, status);
                }
            }

            result.AddRow(ParseTextRow(span, columns.Length));
        }
    }

    private static string?[] ParseTextRow(ReadOnlySpan<byte> payload, int columnCount)
    {
        var reader = new PayloadReader(payload, "text result row");
        var values = new string?[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            if (reader.PeekByte() == 0xFB)
            {
                reader.ReadByte();
                values[i] = null;
            }
            else
            {
                values[i] = reader.ReadLengthEncodedString();
            }
        }

        if (!reader.IsAtEnd)
        {
            throw new BinlogFormatException(
                $"A text result row holds {reader.Remaining} byte(s) after its {columnCount} values.");
        }

        return values;
    }

    private static string Abbreviate(string sql) => sql.Length <= 200 ? sql : sql[..200] + "...";
}
