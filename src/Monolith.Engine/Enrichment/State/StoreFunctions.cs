using FASTER.core;

namespace Monolith.Engine.Enrichment.State;

/// <summary>
/// FASTER callbacks of a keyed store: writes, updates and compaction copies are the base class's variable-length
/// byte handling; reads copy the value into the caller's <see cref="StoreReadBuffer"/>.
/// </summary>
internal sealed class StoreFunctions : SpanByteFunctions<long, StoreReadBuffer, Empty>
{
    public override bool SingleReader(ref long key, ref SpanByte input, ref SpanByte value, ref StoreReadBuffer dst,
        ref ReadInfo readInfo)
    {
        dst.Set(value.AsReadOnlySpan());
        return true;
    }

    public override bool ConcurrentReader(ref long key, ref SpanByte input, ref SpanByte value,
        ref StoreReadBuffer dst, ref ReadInfo readInfo)
    {
        dst.Set(value.AsReadOnlySpan());
        return true;
    }
}
