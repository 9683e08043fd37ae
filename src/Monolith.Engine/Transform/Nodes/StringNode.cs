using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// String functions over UTF-8 bytes, row by row into a reused output buffer: LOWER, UPPER, CONCAT,
/// SUBSTRING, TRIM, LTRIM, RTRIM, REPLACE (text results) and LENGTH, CHAR_LENGTH (Int64 results). Any NULL
/// argument makes the row NULL, as in MySQL.
/// </summary>
internal sealed class StringNode : Node
{
    private readonly ScalarFunction _function;
    private readonly Node[] _arguments;
    private readonly Vector[] _inputs;

    public StringNode(ScalarFunction function, Node[] arguments, IArrowType type)
        : base(type)
    {
        _function = function;
        _arguments = arguments;
        _inputs = new Vector[arguments.Length];
    }

    protected override void Compute(EvaluationContext context)
    {
        var length = context.Length;
        for (var k = 0; k < _arguments.Length; k++)
        {
            _inputs[k] = _arguments[k].Evaluate(context);
        }

        var text = _inputs[0];
        var offsets = text.Offsets;
        var data = text.Data.Span;
        if (_function is ScalarFunction.Length or ScalarFunction.CharLength)
        {
            var counts = Output.StartValues<long>(length);
            for (var i = 0; i < length; i++)
            {
                var value = data[offsets[i]..offsets[i + 1]];
                counts[i] = _function == ScalarFunction.Length ? value.Length : Utf8Text.CountCodePoints(value);
            }

            Validity.From(Output, text);
            return;
        }

        var writer = new BytesWriter(Output, length, text.Data.Length);
        for (var i = 0; i < length; i++)
        {
            WriteRow(ref writer, i, data[offsets[i]..offsets[i + 1]]);
        }

        writer.Finish();
        Validity.FromAll(Output, _inputs, context.Simd);
    }

    private void WriteRow(ref BytesWriter writer, int i, ReadOnlySpan<byte> value)
    {
        switch (_function)
        {
            case ScalarFunction.Lower or ScalarFunction.Upper:
                var upper = _function == ScalarFunction.Upper;
                writer.Commit(Utf8Text.MapCase(value, writer.Reserve(value.Length * 2), upper));
                break;
            case ScalarFunction.Trim:
                writer.Append(Utf8Text.TrimSpaces(value, start: true, end: true));
                break;
            case ScalarFunction.TrimStart:
                writer.Append(Utf8Text.TrimSpaces(value, start: true, end: false));
                break;
            case ScalarFunction.TrimEnd:
                writer.Append(Utf8Text.TrimSpaces(value, start: false, end: true));
                break;
            case ScalarFunction.Concat:
                var total = 0;
                foreach (var input in _inputs)
                {
                    total += input.GetBytes(i).Length;
                }

                var destination = writer.Reserve(total);
                var position = 0;
                foreach (var input in _inputs)
                {
                    var part = input.GetBytes(i);
                    part.CopyTo(destination[position..]);
                    position += part.Length;
                }

                writer.Commit(position);
                break;
            case ScalarFunction.Substring:
                writer.Append(Substring(value, i));
                break;
            default:
                Replace(ref writer, value, _inputs[1].GetBytes(i), _inputs[2].GetBytes(i));
                break;
        }
    }

    /// <summary>MySQL's SUBSTRING: 1-based position in characters, negative from the end, 0 gives ''.</summary>
    private ReadOnlySpan<byte> Substring(ReadOnlySpan<byte> value, int i)
    {
        var position = _inputs[1].ValuesAs<long>()[i];
        var count = _inputs.Length > 2 ? _inputs[2].ValuesAs<long>()[i] : long.MaxValue;
        if (position == 0 || count <= 0)
        {
            return [];
        }

        long characters = Utf8Text.CountCodePoints(value);
        var start = position > 0 ? position - 1 : characters + position;
        if (start < 0 || start >= characters)
        {
            return [];
        }

        var from = Utf8Text.ByteIndexOfCodePoint(value, start);
        var end = count >= characters - start
            ? value.Length
            : from + Utf8Text.ByteIndexOfCodePoint(value[from..], count);
        return value[from..end];
    }

    private static void Replace(ref BytesWriter writer, ReadOnlySpan<byte> value, ReadOnlySpan<byte> from,
        ReadOnlySpan<byte> to)
    {
        if (from.IsEmpty)
        {
            writer.Append(value);
            return;
        }

        var matches = 0;
        for (var rest = value; ;)
        {
            var index = rest.IndexOf(from);
            if (index < 0)
            {
                break;
            }

            matches++;
            rest = rest[(index + from.Length)..];
        }

        var destination = writer.Reserve(value.Length + (matches * Math.Max(0, to.Length - from.Length)));
        var position = 0;
        while (true)
        {
            var index = value.IndexOf(from);
            if (index < 0)
            {
                break;
            }

            value[..index].CopyTo(destination[position..]);
            position += index;
            to.CopyTo(destination[position..]);
            position += to.Length;
            value = value[(index + from.Length)..];
        }

        value.CopyTo(destination[position..]);
        writer.Commit(position + value.Length);
    }
}
