using System.Text;
using System.Text.Json;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// A simple JSON path (<c>$</c>, <c>.member</c>, <c>."quoted member"</c>, <c>[index]</c>) compiled once and
/// evaluated over UTF-8 JSON text with <see cref="Utf8JsonReader"/>, which reads in place: no document is
/// built and nothing is allocated per row. Members and elements not on the path are skipped unread.
/// </summary>
internal sealed class JsonPath
{
    private readonly Step[] _steps;

    private JsonPath(Step[] steps) => _steps = steps;

    /// <summary>Parses a path; throws <see cref="ExpressionException"/> naming the position of an error.
    /// </summary>
    public static JsonPath Parse(string path)
    {
        var steps = new List<Step>();
        var text = path.Trim();
        if (text.Length == 0 || text[0] != '$')
        {
            throw PathError(path, 0, "a path starts with '$'");
        }

        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                if (i < text.Length && text[i] == '"')
                {
                    var close = text.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        throw PathError(path, i, "an unterminated quoted member name");
                    }

                    steps.Add(new Step(Encoding.UTF8.GetBytes(text[(i + 1)..close]), -1));
                    i = close + 1;
                    continue;
                }

                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw PathError(path, start, "a member name after '.' (wildcards are not supported)");
                }

                steps.Add(new Step(Encoding.UTF8.GetBytes(text[start..i]), -1));
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), out var index) || index < 0)
                {
                    throw PathError(path, i, "a non-negative array index in brackets (wildcards are not supported)");
                }

                steps.Add(new Step(null, index));
                i = close + 1;
            }
            else
            {
                throw PathError(path, i, "'.' or '['");
            }
        }

        return new JsonPath([.. steps]);
    }

    /// <summary>Positions a reader on the value at the path.</summary>
    /// <returns>False when the path does not exist in the document.</returns>
    /// <exception cref="JsonException">The text is not valid JSON up to the value.</exception>
    public bool TryNavigate(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        foreach (var step in _steps)
        {
            if (step.Member is { } member)
            {
                if (reader.TokenType != JsonTokenType.StartObject || !FindMember(ref reader, member))
                {
                    return false;
                }
            }
            else if (reader.TokenType != JsonTokenType.StartArray || !FindElement(ref reader, step.Index))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FindMember(ref Utf8JsonReader reader, byte[] member)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return false;
            }

            if (reader.ValueTextEquals(member))
            {
                reader.Read();
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool FindElement(ref Utf8JsonReader reader, int index)
    {
        for (var position = 0; reader.Read(); position++)
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return false;
            }

            if (position == index)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static ExpressionException PathError(string path, int position, string expected) =>
        new($"JSON path '{path}' at position {position}: expected {expected}.");

    private sealed record Step(byte[]? Member, int Index);
}
