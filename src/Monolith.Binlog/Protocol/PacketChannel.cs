using System.Buffers;
using System.IO.Pipelines;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// Reads and writes packets over one stream (a socket's <see cref="System.Net.Sockets.NetworkStream"/>, later
/// perhaps an <see cref="System.Net.Security.SslStream"/> over it) through a <see cref="PipeReader"/> and a
/// <see cref="PipeWriter"/>. Not thread-safe: one conversation, one reader at a time.
/// </summary>
/// <remarks>
/// A payload returned by <see cref="ReadPacketAsync"/> points into the pipe's memory and stays valid until the
/// next read; the reader is advanced past it only then. While the caller holds on to a payload (for example
/// while a downstream handler blocks), nothing more is read from the socket: the server's send buffer fills
/// and it stops sending, which is the backpressure the replication stream relies on.
/// </remarks>
internal sealed class PacketChannel : IAsyncDisposable
{
    private const int ReadBufferSize = 64 * 1024;
    private const int MinimumReadSize = 16 * 1024;

    private readonly PacketFramer _framer;
    private readonly string _peer;
    private Stream _stream;
    private PipeReader _reader;
    private PipeWriter _writer;
    private ReadOnlySequence<byte> _buffer;
    private bool _holdsBuffer;
    private bool _streamCompleted;
    private long _waitingSinceTimestamp;
    private volatile string? _abortReason;

    public PacketChannel(Stream stream, string peer, int maxPacketSize)
    {
        _stream = stream;
        _peer = peer;
        _framer = new PacketFramer(maxPacketSize);
        (_reader, _writer) = CreatePipes(stream);
    }

    /// <summary>The sequence id the next packet read or written carries.</summary>
    public byte Sequence
    {
        get => _framer.Sequence;
        set => _framer.Sequence = value;
    }

    /// <summary>Bytes received on this connection so far.</summary>
    public long BytesReceived => _framer.ConsumedBytes;

    /// <summary>
    /// The <see cref="TimeProvider"/> timestamp at which the current read started waiting for the network, or
    /// 0 when no read is waiting. A watchdog compares it with the allowed silence; time the caller spends
    /// between reads (a blocked handler) does not count.
    /// </summary>
    public long WaitingSinceTimestamp => Volatile.Read(ref _waitingSinceTimestamp);

    public Stream Stream => _stream;

    /// <summary>Starts a new command: the client's first packet of a command has sequence id 0.</summary>
    public void ResetSequence() => _framer.Sequence = 0;

    /// <summary>
    /// Returns the next packet's payload, valid until the next call.
    /// </summary>
    /// <exception cref="BinlogConnectionException">The connection closed between packets or was aborted.</exception>
    /// <exception cref="BinlogTruncatedException">The connection closed inside a packet.</exception>
    /// <exception cref="BinlogProtocolException">A packet out of sequence or over the maximum size.</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_holdsBuffer)
            {
                var buffer = _buffer;
                if (_framer.TryReadPacket(ref buffer, out var payload))
                {
                    _buffer = buffer;
                    return payload;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                _holdsBuffer = false;
                if (_streamCompleted)
                {
                    throw (Exception?)_framer.DescribeEndOfStream(buffer)
                        ?? new BinlogConnectionException($"The server {_peer} closed the connection.");
                }
            }

            ThrowIfAborted();
            if (!_reader.TryRead(out var result))
            {
                Volatile.Write(ref _waitingSinceTimestamp, Math.Max(1, time.GetTimestamp()));
                try
                {
                    result = await _reader.ReadAsync(cancellationToken);
                }
                catch (IOException exception)
                {
                    throw new BinlogConnectionException(
                        _abortReason ?? $"Lost the connection to {_peer}: {exception.Message}", exception,
                        isTimeout: _abortReason is not null);
                }
                catch (ObjectDisposedException exception) when (_abortReason is not null)
                {
                    throw new BinlogConnectionException(_abortReason, exception, isTimeout: true);
                }
                finally
                {
                    Volatile.Write(ref _waitingSinceTimestamp, 0);
                }
            }

            if (result.IsCanceled)
            {
                ThrowIfAborted();
                cancellationToken.ThrowIfCancellationRequested();
            }

            _buffer = result.Buffer;
            _holdsBuffer = true;
            _streamCompleted = result.IsCompleted;
        }
    }

    /// <summary>Writes one logical packet, split into chunks when it reaches 16 MB - 1 bytes, and flushes.</summary>
    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ThrowIfAborted();
        var offset = 0;
        int chunk;
        do
        {
            chunk = Math.Min(payload.Length - offset, PacketFramer.MaxChunkLength);
            var span = _writer.GetSpan(PacketFramer.HeaderLength + chunk);
            span[0] = (byte)chunk;
            span[1] = (byte)(chunk >> 8);
            span[2] = (byte)(chunk >> 16);
            span[3] = _framer.Sequence;
            _framer.Sequence = unchecked((byte)(_framer.Sequence + 1));
            payload.Span.Slice(offset, chunk).CopyTo(span[PacketFramer.HeaderLength..]);
            _writer.Advance(PacketFramer.HeaderLength + chunk);
            offset += chunk;
        }
        while (chunk == PacketFramer.MaxChunkLength);

        try
        {
            await _writer.FlushAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            throw new BinlogConnectionException($"Lost the connection to {_peer} while sending: {exception.Message}",
                exception);
        }
    }

    /// <summary>
    /// Replaces the stream, for the switch to TLS after the SSL request. Nothing may be buffered at that point:
    /// the server says nothing between the SSL request and the TLS handshake.
    /// </summary>
    public async ValueTask SwitchStreamAsync(Func<Stream, ValueTask<Stream>> wrap)
    {
        if (_holdsBuffer && _buffer.Length > 0)
        {
            throw new BinlogProtocolException(
                $"The server {_peer} sent {_buffer.Length} unexpected bytes before the TLS handshake.");
        }

        if (_holdsBuffer)
        {
            _reader.AdvanceTo(_buffer.End);
            _holdsBuffer = false;
        }

        await _reader.CompleteAsync();
        await _writer.CompleteAsync();
        _stream = await wrap(_stream);
        (_reader, _writer) = CreatePipes(_stream);
    }

    /// <summary>
    /// Gives the connection up from another thread (a watchdog): the pending read ends with a
    /// <see cref="BinlogConnectionException"/> carrying <paramref name="reason"/>.
    /// </summary>
    public void Abort(string reason)
    {
        _abortReason = reason;
        _reader.CancelPendingRead();
        _stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _writer.CompleteAsync();
        await _stream.DisposeAsync();
        _framer.Dispose();
    }

    private void ThrowIfAborted()
    {
        if (_abortReason is { } reason)
        {
            throw new BinlogConnectionException(reason, isTimeout: true);
        }
    }

    private static (PipeReader Reader, PipeWriter Writer) CreatePipes(Stream stream) =>
        (PipeReader.Create(stream, new StreamPipeReaderOptions(
                bufferSize: ReadBufferSize, minimumReadSize: MinimumReadSize, leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
}
