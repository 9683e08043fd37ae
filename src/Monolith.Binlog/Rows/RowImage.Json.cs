using System.Text.Json;
using Monolith.Binlog.Json;

namespace Monolith.Binlog.Rows;

/// <summary>JSON accessors.</summary>
public readonly ref partial struct RowImage
{
    /// <summary>
    /// Writes a JSON column's value as JSON. MySQL's binary JSON is converted; MariaDB's JSON, which is text, is
    /// written as the document it holds (or as a string when it is not valid JSON, which a disabled CHECK allows).
    /// For a partial update (<see cref="IsPartialJson"/>) the diff is applied to the before image's value when
    /// that image holds the column; otherwise the diff itself is written as
    /// <c>{"partial_update":[{"op":..,"path":..,"value":..}]}</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is absent, NULL or not JSON.</exception>
    /// <exception cref="BinlogFormatException">The stored document or diff is malformed.</exception>
    public void WriteJson(int column, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Table.KindOf(column) != ValueKind.Json)
        {
            WrongKind<bool>(column, "WriteJson");
        }

        var bytes = GetBytes(column);
        if (GetColumn(column).Type != ColumnType.Json)
        {
            WriteJsonText(writer, bytes);
            return;
        }

        try
        {
            if (!IsPartialJson(column))
            {
                MySqlJsonWriter.Write(bytes, writer);
            }
            else if (!_beforeSlots.IsEmpty && _beforeSlots[2 * column] >= 0)
            {
                var before = _data.Slice(_beforeSlots[2 * column], _beforeSlots[(2 * column) + 1]);
                JsonDiff.Apply(before, bytes, writer);
            }
            else
            {
                JsonDiff.WriteDiffs(bytes, writer);
            }
        }
        catch (FormatException e)
        {
            throw Malformed(column, e.Message);
        }
    }

    private static void WriteJsonText(Utf8JsonWriter writer, ReadOnlySpan<byte> text)
    {
        try
        {
            // Validated before anything is written, so a document that is not JSON leaves the writer as it was.
            writer.WriteRawValue(text, skipInputValidation: false);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(text);
        }
    }
}
