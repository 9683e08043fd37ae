using System.Text;
using Apache.Arrow;

namespace Monolith.Engine.Tests.Transform;

/// <summary>Reads Arrow arrays back as boxed values (null for NULL) for comparisons in tests.</summary>
internal static class ArrowValues
{
    public static object?[] Read(IArrowArray array)
    {
        var values = new object?[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            values[i] = array.IsNull(i) ? null : array switch
            {
                Int64Array a => a.GetValue(i),
                Int8Array a => a.GetValue(i),
                UInt64Array a => a.GetValue(i),
                DoubleArray a => a.GetValue(i),
                Decimal128Array a => a.GetString(i),
                StringArray a => a.GetString(i),
                BinaryArray a => Convert.ToHexString(a.GetBytes(i)),
                BooleanArray a => a.GetValue(i),
                Date32Array a => a.GetValue(i),
                TimestampArray a => a.Values[i],
                DurationArray a => a.Values[i],
                _ => throw new NotSupportedException(array.GetType().Name),
            };
        }

        return values;
    }

    public static string Describe(object?[] values) =>
        string.Join(", ", values.Select(v => v switch
        {
            null => "NULL",
            string s => $"'{s}'",
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
