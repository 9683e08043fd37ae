namespace Monolith.Engine.Changes;

/// <summary>How a <see cref="ChangeBatchBuilder"/> sizes and recycles its batches.</summary>
public sealed record ChangeBatchOptions
{
    /// <summary>Rows after which a batch is full (1 to 1,048,576; 1,024 to 65,536 is the useful range).</summary>
    public int MaxRows { get; init; } = 8192;

    /// <summary>Bytes of text or binary data in any one column after which a batch is full.</summary>
    public int MaxDataBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Initial data bytes reserved per row for each text or binary column (the buffer grows).</summary>
    public int InitialBytesPerValue { get; init; } = 16;

    /// <summary>Buffer sets of disposed batches kept for reuse; further ones are freed.</summary>
    public int PooledBatches { get; init; } = 4;

    internal void Validate()
    {
        if (MaxRows is < 1 or > 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRows), MaxRows, "MaxRows must be 1 to 1,048,576.");
        }

        if (MaxDataBytes is < 1024 or > 1 << 30)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxDataBytes), MaxDataBytes, "MaxDataBytes must be 1 KiB to 1 GiB.");
        }

        if (InitialBytesPerValue is < 0 or > 4096)
        {
            throw new ArgumentOutOfRangeException(
                nameof(InitialBytesPerValue), InitialBytesPerValue, "InitialBytesPerValue must be 0 to 4096.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(PooledBatches);
    }
}
