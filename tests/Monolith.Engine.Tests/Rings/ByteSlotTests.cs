using Monolith.Engine.Rings;

namespace Monolith.Engine.Tests.Rings;

public sealed class ByteSlotTests
{
    [Fact]
    public void Set_grows_the_buffer_only_for_larger_items_and_keeps_the_bytes()
    {
        var slot = new ByteSlot(4);
        slot.Set([1, 2, 3]);
        Assert.Equal(4, slot.Capacity);
        Assert.Equal([1, 2, 3], slot.Data.ToArray());

        slot.Set([9, 8, 7, 6, 5, 4, 3]);
        Assert.Equal(8, slot.Capacity);
        Assert.Equal([9, 8, 7, 6, 5, 4, 3], slot.Data.ToArray());

        slot.Set([1]);
        Assert.Equal(8, slot.Capacity);
        Assert.Equal([1], slot.Data.ToArray());
    }
}
