using System.Text.Json;
using Monolith.Binlog.Json;

namespace Monolith.Binlog.Rows;

/// <summary>JSON accessors.</summary>
public readonly ref partial struct RowImage
{
    /// <summary>
    /// Writes a MySQL JSON column's value as JSON. For a partial update (<see cref="IsPartialJson"/>) the diff is
    /// applied to the before image's value when that image holds the column; otherwise the diff itself is written
    /// as <c>{"partial_update":[{"op":..,"path":..,"value":..}]}</c>.
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
}
