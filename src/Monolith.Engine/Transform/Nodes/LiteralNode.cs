using Monolith.Engine.Changes;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// A constant. Kernels with a constant operand read <see cref="Value"/> directly (a comparison against a
/// literal never materialises it); others take the vector, filled once per batch.
/// </summary>
internal sealed class LiteralNode : Node
{
    public LiteralNode(ScalarValue value)
        : base(value.Type) => Value = value;

    public ScalarValue Value { get; }

    protected override void Compute(EvaluationContext context)
    {
        var length = context.Length;
        var output = Output;
        switch (output.Kind)
        {
            case VectorKind.Int64:
                output.StartValues<long>(length).Fill(Value.Int64);
                break;
            case VectorKind.UInt64:
                output.StartValues<ulong>(length).Fill(Value.UInt64);
                break;
            case VectorKind.Double:
                output.StartValues<double>(length).Fill(Value.Double);
                break;
            case VectorKind.Decimal128:
                output.StartValues<Int128>(length).Fill(Value.Decimal);
                break;
            case VectorKind.Decimal256:
                output.StartValues<Int256>(length).Fill(Value.Decimal256);
                break;
            case VectorKind.Boolean:
                var bits = output.StartBits(length);
                if (Value.Boolean)
                {
                    bits.Fill(ulong.MaxValue);
                    if ((length & 63) != 0)
                    {
                        bits[^1] = (1UL << (length & 63)) - 1;
                    }
                }

                break;
            default:
                var offsets = output.StartValues<int>(length);
                var bytes = Value.Bytes;
                var data = output.DataBuffer(bytes.Length * length, 0);
                for (var i = 0; i < length; i++)
                {
                    bytes.CopyTo(data[(i * bytes.Length)..]);
                    offsets[i] = i * bytes.Length;
                }

                offsets[length] = length * bytes.Length;
                output.SetDataLength(length * bytes.Length);
                break;
        }

        if (Value.IsNull)
        {
            output.StartValidity().Clear();
        }
    }
}
