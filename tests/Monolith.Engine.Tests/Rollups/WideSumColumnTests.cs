using CsCheck;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// The 128-bit sum column that keeps 64 bits a group until a sum needs more: every sequence of additions,
/// through the hot path's 64-bit add or the carrying slow path, must equal plain <see cref="Int128"/> arithmetic,
/// and published snapshots must never change.
/// </summary>
public sealed class WideSumColumnTests
{
    private const int Groups = 3000;

    /// <summary>What <c>SumState</c> does per row: the 64-bit add when it is exact, else the carrying add.</summary>
    private static bool Add(WideSumColumn column, int group, Int128 delta)
    {
        var narrow = (long)delta;
        ref var low = ref column.Low(group);
        var result = low + narrow;
        if (narrow == delta && ((low ^ result) & (narrow ^ result)) >= 0)
        {
            low = result;
            return true;
        }

        return column.AddWide(group, delta);
    }

    private static readonly Gen<Int128> s_delta = Gen.OneOf(
        Gen.Long.Select(v => (Int128)v),
        Gen.Long[long.MaxValue - 1000, long.MaxValue].Select(v => (Int128)v),
        Gen.Long[long.MinValue, long.MinValue + 1000].Select(v => (Int128)v),
        Gen.Select(Gen.Long, Gen.ULong, (high, low) => new Int128((ulong)(high >> 20), low)));

    [Fact]
    public void AnySequenceOfAdditions_EqualsInt128Arithmetic()
    {
        Gen.Select(Gen.Int[0, Groups - 1], s_delta).Array[1, 400].Sample(operations =>
        {
            var column = new WideSumColumn();
            column.EnsureCapacity(Groups);
            var expected = new Dictionary<int, Int128>();
            foreach (var (group, delta) in operations)
            {
                Assert.True(Add(column, group, delta));
                expected[group] = expected.GetValueOrDefault(group) + delta;
            }

            foreach (var (group, value) in expected)
            {
                Assert.Equal(value, column.Get(group));
            }

            var snapshot = column.Publish(Groups);
            for (var group = 0; group < Groups; group++)
            {
                Assert.Equal(expected.GetValueOrDefault(group), snapshot[group]);
            }
        }, iter: 300);
    }

    [Fact]
    public void SumsThatFitIn64Bits_AllocateNoHighWords()
    {
        var column = new WideSumColumn();
        column.EnsureCapacity(Groups);
        for (var group = 0; group < Groups; group++)
        {
            Assert.True(Add(column, group, long.MaxValue));
            Assert.True(Add(column, group, -long.MaxValue));
            Assert.True(Add(column, group, long.MinValue));
        }

        Assert.Equal(0, column.WideChunks);
        Assert.Equal(0, column.Publish(Groups).WideChunks);
    }

    [Fact]
    public void CarryingIntoAChunk_LeavesEarlierSnapshotsUnchanged()
    {
        var column = new WideSumColumn();
        column.EnsureCapacity(Groups);
        Assert.True(Add(column, 5, long.MaxValue));
        Assert.True(Add(column, 2000, 7));
        var before = column.Publish(Groups);

        Assert.True(Add(column, 5, long.MaxValue));
        Assert.True(Add(column, 2000, Int128.One << 90));
        var after = column.Publish(Groups);
        Assert.True(Add(column, 5, -(Int128)long.MaxValue * 3));
        var third = column.Publish(Groups);

        Assert.Equal(long.MaxValue, before[5]);
        Assert.Equal(7, before[2000]);
        Assert.Equal(0, before.WideChunks);
        Assert.Equal((Int128)long.MaxValue * 2, after[5]);
        Assert.Equal((Int128.One << 90) + 7, after[2000]);
        Assert.Equal(2, after.WideChunks);
        Assert.Equal(-(Int128)long.MaxValue, third[5]);
        Assert.Equal((Int128.One << 90) + 7, third[2000]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void SumsPastTheRepresentableRange_AreRefusedAndLeaveTheValueAlone(int sign)
    {
        var column = new WideSumColumn();
        column.EnsureCapacity(1);
        // The extremes of the split form: high and low words both at their largest, or high at its smallest.
        var near = sign > 0 ? Int128.MaxValue - ((Int128)long.MaxValue + 1) : Int128.MinValue + 1;
        Assert.True(column.AddWide(0, near));

        Assert.False(column.AddWide(0, sign * (Int128)long.MaxValue * 2));
        Assert.Equal(near, column.Get(0));
    }

    [Fact]
    public void Reset_ZeroesBothWords()
    {
        var column = new WideSumColumn();
        column.EnsureCapacity(2);
        Assert.True(column.AddWide(0, Int128.One << 100));
        Assert.True(column.AddWide(1, -(Int128.One << 70)));
        var published = column.Publish(2);

        column.Reset(0);
        column.Reset(1);

        Assert.Equal(Int128.Zero, column.Get(0));
        Assert.Equal(Int128.Zero, column.Get(1));
        Assert.Equal(Int128.One << 100, published[0]);
        Assert.Equal(-(Int128.One << 70), published[1]);
    }
}
