namespace Monolith.Engine.Transform.Vectors;

/// <summary>
/// Fills a bytes vector row by row: offsets into the vector's owned value buffer, bytes into its owned data
/// buffer, which grows (doubling) when a row needs more room than is left.
/// </summary>
internal ref struct BytesWriter
{
    private readonly Vector _vector;
    private readonly Span<int> _offsets;
    private Span<byte> _data;
    private int _position;
    private int _row;

    public BytesWriter(Vector vector, int length, int estimatedBytes)
    {
        _vector = vector;
        _offsets = vector.StartValues<int>(length);
        _offsets[0] = 0;
        _data = vector.DataBuffer(Math.Max(estimatedBytes, 16), 0);
        _position = 0;
        _row = 0;
    }

    /// <summary>A span of at least <paramref name="size"/> free bytes at the current position.</summary>
    public Span<byte> Reserve(int size)
    {
        if (_data.Length - _position < size)
        {
            _data = _vector.DataBuffer(_position + size, _position);
        }

        return _data[_position..];
    }

    /// <summary>Ends the current row after <paramref name="written"/> bytes written into the reserved span.
    /// </summary>
    public void Commit(int written)
    {
        _position += written;
        _offsets[++_row] = _position;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        Commit(value.Length);
    }

    /// <summary>An empty row (for NULL rows, whose validity the caller clears).</summary>
    public void AppendEmpty() => Commit(0);

    public readonly void Finish() => _vector.SetDataLength(_position);
}
