namespace Monolith.Engine.Changes;

/// <summary>
/// The native buffers of one column of one batch: validity bitmap, values (fixed-width values, bits or
/// offsets) and, for variable-width columns, the data bytes. Owned by a column builder while filled, by a
/// <see cref="ChangeBatch"/> while read, and by the builder's pool in between.
/// </summary>
internal sealed class ColumnBuffers
{
    public ColumnBuffers(int validityBytes, int valueBytes, int dataBytes)
    {
        Validity = new AlignedBuffer(validityBytes);
        Values = new AlignedBuffer(valueBytes);
        Data = dataBytes > 0 ? new AlignedBuffer(dataBytes) : null;
    }

    public AlignedBuffer Validity { get; }

    public AlignedBuffer Values { get; }

    public AlignedBuffer? Data { get; }

    public void Free()
    {
        Validity.Free();
        Values.Free();
        Data?.Free();
    }
}
