using Apache.Arrow.Types;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// <c>x [NOT] IN (constants)</c>. Up to eight numbers are compared in a row; more go into a hash set; text
/// uses a span-probed set. A NULL among the constants turns every non-match into NULL.
/// </summary>
internal sealed class InListNode : Node
{
    private const int LinearLimit = 8;

    private readonly Node _input;
    private readonly bool _negated;
    private readonly bool _listHasNull;
    private readonly long[] _int64;
    private readonly ulong[] _uint64;
    private readonly double[] _double;
    private readonly Int128[] _decimal;
    private readonly HashSet<long>? _int64Set;
    private readonly HashSet<ulong>? _uint64Set;
    private readonly HashSet<double>? _doubleSet;
    private readonly HashSet<Int128>? _decimalSet;
    private readonly ByteStringSet? _bytesSet;

    /// <param name="input">The tested value.</param>
    /// <param name="values">Constants already converted to the input's type (decimals to its scale).</param>
    /// <param name="negated">NOT IN.</param>
    public InListNode(Node input, IReadOnlyList<ScalarValue> values, bool negated)
        : base(BooleanType.Default)
    {
        _input = input;
        _negated = negated;
        _listHasNull = values.Any(v => v.IsNull);
        var present = values.Where(v => !v.IsNull).ToArray();
        _int64 = [.. present.Select(v => v.Int64)];
        _uint64 = [.. present.Select(v => v.UInt64)];
        _double = [.. present.Select(v => v.Double)];
        _decimal = [.. present.Select(v => v.Decimal)];
        if (present.Length > LinearLimit)
        {
            switch (input.Kind)
            {
                case VectorKind.Int64:
                    _int64Set = [.. _int64];
                    break;
                case VectorKind.UInt64:
                    _uint64Set = [.. _uint64];
                    break;
                case VectorKind.Double:
                    _doubleSet = [.. _double];
                    break;
                case VectorKind.Decimal128:
                    _decimalSet = [.. _decimal];
                    break;
                default:
                    break;
            }
        }

        if (input.Kind == VectorKind.Bytes)
        {
            _bytesSet = new ByteStringSet(present.Select(v => v.Bytes));
        }
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _input.Evaluate(context);
        var length = context.Length;
        var bits = Output.StartBits(length);
        switch (input.Kind)
        {
            case VectorKind.Int64:
                Probe(input.ValuesAs<long>(), _int64Set, _int64, bits);
                break;
            case VectorKind.UInt64:
                Probe(input.ValuesAs<ulong>(), _uint64Set, _uint64, bits);
                break;
            case VectorKind.Double:
                Probe(input.ValuesAs<double>(), _doubleSet, _double, bits);
                break;
            case VectorKind.Decimal128:
                Probe(input.ValuesAs<Int128>(), _decimalSet, _decimal, bits);
                break;
            default:
                for (var i = 0; i < length; i++)
                {
                    if (_bytesSet!.Contains(input.GetBytes(i)))
                    {
                        bits[i >> 6] |= 1UL << i;
                    }
                }

                break;
        }

        var validity = Output.StartValidityFrom(input.HasNulls ? input.ValidityWords : default);
        if (_listHasNull)
        {
            // x IN (..., NULL) is true on a match and NULL otherwise; NOT IN is false or NULL.
            for (var w = 0; w < validity.Length; w++)
            {
                validity[w] &= bits[w];
            }
        }

        if (_negated)
        {
            for (var w = 0; w < bits.Length; w++)
            {
                bits[w] = ~bits[w];
            }

            if ((length & 63) != 0)
            {
                bits[^1] &= (1UL << (length & 63)) - 1;
            }
        }

        if (!input.HasNulls && !_listHasNull)
        {
            Output.ClearValidity();
        }
    }

    private static void Probe<T>(ReadOnlySpan<T> values, HashSet<T>? set, T[] list, Span<ulong> bits)
        where T : unmanaged, IEquatable<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (set?.Contains(values[i]) ?? Array.IndexOf(list, values[i]) >= 0)
            {
                bits[i >> 6] |= 1UL << i;
            }
        }
    }
}
