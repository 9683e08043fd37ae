using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Monolith.Engine.Tests.Changes;

/// <summary>
/// Structural checks of Arrow arrays (the .NET library has no validator): null counts agree with the
/// bitmap, buffers are long enough, offsets grow; and a round trip through the IPC stream format, which
/// reads every buffer the way another Arrow implementation would.
/// </summary>
internal static class ArrowBatchChecks
{
    public static void AssertWellFormed(RecordBatch batch)
    {
        foreach (var array in batch.Arrays.Cast<Apache.Arrow.Array>())
        {
            Assert.Equal(batch.Length, array.Length);
            var nulls = Enumerable.Range(0, array.Length).Count(array.IsNull);
            Assert.Equal(array.NullCount, nulls);
            var data = array.Data;
            if (data.NullCount > 0)
            {
                Assert.True(data.Buffers[0].Length * 8 >= array.Length);
            }

            if (array is BinaryArray binary)
            {
                var offsets = binary.ValueOffsets;
                Assert.Equal(array.Length + 1, offsets.Length);
                for (var i = 0; i < array.Length; i++)
                {
                    Assert.True(offsets[i] <= offsets[i + 1]);
                }

                Assert.Equal(offsets[^1], binary.Values.Length);
            }
        }
    }

    public static RecordBatch IpcRoundTrip(RecordBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        stream.Position = 0;
        using var reader = new ArrowStreamReader(stream);
        var copy = reader.ReadNextRecordBatch();
        Assert.NotNull(copy);
        return copy.Clone();
    }
}
