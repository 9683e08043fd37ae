using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monolith.Engine.Sql;

namespace Monolith.Engine.Query;

/// <summary>
/// A query the engine will not answer: malformed SQL or JSON, an unknown table or column, a type error, or a
/// question the rollups cannot answer exactly. Never a partial or approximate answer in disguise.
/// <para>
/// <see cref="WriteDruidError"/> writes the error body of Druid 28 and later (its <c>DruidException</c> shape):
/// <c>{"error":"druidException","errorCode":"invalidInput","persona":"USER","category":"INVALID_INPUT",
/// "errorMessage":"...","context":{"line":"1","column":"37"}}</c>. <see cref="HttpStatus"/> is 400 for every code:
/// each is a problem with the request that the client can fix.
/// </para>
/// </summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates an error without a position.</summary>
    public QueryException(QueryErrorCode code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Problem = message;
    }

    /// <summary>Creates an error at a place in a SQL statement; the message gains its line and column.</summary>
    public QueryException(QueryErrorCode code, string message, string sql, int offset, Exception? inner = null)
        : base($"{message} at {SqlTextPosition.Describe(sql, offset)}", inner)
    {
        ArgumentNullException.ThrowIfNull(sql);
        Code = code;
        Problem = message;
        (var line, var column) = SqlTextPosition.LineAndColumn(sql, offset);
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>What kind of failure this is.</summary>
    public QueryErrorCode Code { get; }

    /// <summary>1-based line in the SQL statement, when the error has a position.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the SQL statement, when the error has a position.</summary>
    public int? Column { get; }

    /// <summary>The HTTP status for this error: 400 Bad Request.</summary>
    public int HttpStatus => 400;

    /// <summary>Druid's camel-case error code, such as <c>invalidInput</c>.</summary>
    public string DruidErrorCode => Code switch
    {
        QueryErrorCode.Unsupported => "unsupported",
        QueryErrorCode.CapacityExceeded => "capacityExceeded",
        _ => "invalidInput",
    };

    /// <summary>Druid's error category, such as <c>INVALID_INPUT</c>.</summary>
    public string DruidCategory => Code switch
    {
        QueryErrorCode.Unsupported => "UNSUPPORTED",
        QueryErrorCode.CapacityExceeded => "CAPACITY_EXCEEDED",
        _ => "INVALID_INPUT",
    };

    /// <summary>Writes the Druid error body as one JSON object.</summary>
    public void WriteDruidError(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("error", "druidException");
        writer.WriteString("errorCode", DruidErrorCode);
        writer.WriteString("persona", "USER");
        writer.WriteString("category", DruidCategory);
        writer.WriteString("errorMessage", Message);
        writer.WriteStartObject("context");
        if (Line is { } line && Column is { } column)
        {
            writer.WriteString("sourceType", "sql");
            writer.WriteString("line", line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("column", column.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The Druid error body as a string.</summary>
    public string ToDruidErrorJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteDruidError(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
