using System.Text.Json;
using Apache.Arrow.Types;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform.Nodes;

/// <summary>
/// JSON_VALUE (the scalar at the path as text, strings unescaped; NULL for objects, arrays and JSON null)
/// and JSON_EXTRACT (the JSON text at the path). A missing path is NULL; text that is not valid JSON up to
/// the value is NULL and counted as invalid input.
/// </summary>
internal sealed class JsonNode : Node
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 64 };

    private readonly Node _input;
    private readonly JsonPath _path;
    private readonly bool _extract;
    private ulong[] _missing = [];
    private ulong[] _invalid = [];

    public JsonNode(Node input, JsonPath path, bool extract)
        : base(StringType.Default)
    {
        _input = input;
        _path = path;
        _extract = extract;
    }

    protected override void Compute(EvaluationContext context)
    {
        var input = _input.Evaluate(context);
        var length = context.Length;
        var missing = Scratch.Words(ref _missing, Vector.WordCount(length));
        var invalid = Scratch.Words(ref _invalid, Vector.WordCount(length));
        var writer = new BytesWriter(Output, length, input.Data.Length / 4);
        var offsets = input.Offsets;
        var data = input.Data.Span;
        var valid = input.HasNulls ? input.ValidityWords : default;
        for (var i = 0; i < length; i++)
        {
            var json = data[offsets[i]..offsets[i + 1]];
            if ((!valid.IsEmpty && (valid[i >> 6] & (1UL << i)) == 0) || json.IsEmpty)
            {
                Bitmaps.Set(missing, i);
                writer.AppendEmpty();
                continue;
            }

            try
            {
                if (!WriteValue(ref writer, json))
                {
                    Bitmaps.Set(missing, i);
                    writer.AppendEmpty();
                }
            }
            catch (JsonException)
            {
                Bitmaps.Set(invalid, i);
                writer.AppendEmpty();
            }
        }

        writer.Finish();
        Validity.From(Output, input);
        Output.NullifyFlagged(missing);
        context.Counters.InvalidInputs += Output.NullifyFlagged(invalid);
    }

    private bool WriteValue(ref BytesWriter writer, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, s_options);
        if (!_path.TryNavigate(ref reader))
        {
            return false;
        }

        if (_extract)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            writer.Append(json[start..(int)reader.BytesConsumed]);
            return true;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var destination = writer.Reserve(reader.ValueSpan.Length);
                writer.Commit(reader.CopyString(destination));
                return true;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                writer.Append(reader.ValueSpan);
                return true;
            default:
                return false;
        }
    }
}
