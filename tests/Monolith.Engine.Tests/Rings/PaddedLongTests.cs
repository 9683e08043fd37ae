using System.Runtime.CompilerServices;
using Monolith.Engine.Rings;

namespace Monolith.Engine.Tests.Rings;

public sealed class PaddedLongTests
{
    [Fact]
    public void Value_sits_alone_in_a_256_byte_struct_with_128_bytes_before_and_120_after()
    {
        var padded = default(PaddedLong);
        var offset = Unsafe.ByteOffset(
            ref Unsafe.As<PaddedLong, byte>(ref padded), ref Unsafe.As<long, byte>(ref padded.Value));

        Assert.Equal(256, Unsafe.SizeOf<PaddedLong>());
        Assert.Equal(128, (int)offset);
        Assert.True(Unsafe.SizeOf<PaddedLong>() - (int)offset - sizeof(long) >= 120);
    }

    [Fact]
    public void Producer_counters_sit_together_behind_128_bytes_of_padding()
    {
        var state = default(ProducerState);
        ref var start = ref Unsafe.As<ProducerState, byte>(ref state);

        Assert.Equal(256, Unsafe.SizeOf<ProducerState>());
        Assert.Equal(128, (int)Unsafe.ByteOffset(ref start, ref Unsafe.As<long, byte>(ref state.Claimed)));
        Assert.Equal(152, (int)Unsafe.ByteOffset(ref start, ref Unsafe.As<bool, byte>(ref state.Started)));
    }

    [Fact]
    public void Sequence_starts_at_initial_and_stores_what_is_set()
    {
        var ring = new RingBuffer<long>(4);

        Assert.Equal(Sequence.Initial, ring.Cursor.Value);
        ring.AddReader();
        ring.Publish(ring.Claim(3));
        Assert.Equal(2, ring.Cursor.Value);
    }
}
