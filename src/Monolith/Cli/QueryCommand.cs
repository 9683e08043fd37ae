using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monolith.Cli;

/// <summary>
/// <c>monolith query "SQL" [--url URL] [--format table|json|csv]</c>: runs a Druid SQL query against a running
/// instance over its HTTP API and prints the answer.
/// </summary>
internal static class QueryCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8082";

    public static async Task<int> RunAsync(CommandLineArguments args, TextWriter output, CancellationToken cancel)
    {
        args.RejectUnknown("url", "format", "timeout");
        if (args.Positional.Count != 1)
        {
            throw new UsageException("query takes one SQL statement, quoted as one argument.");
        }

        var sql = args.Positional[0];
        var url = (args.Get("url") ?? Environment.GetEnvironmentVariable("MONOLITH_URL") ?? DefaultUrl).TrimEnd('/');
        var format = args.Get("format", "table").ToLowerInvariant();
        if (format is not ("table" or "json" or "csv"))
        {
            throw new UsageException($"--format must be table, json or csv, not '{format}'.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(args.GetDouble("timeout", 60)) };
        var request = new JsonObject
        {
            ["query"] = sql,
            ["resultFormat"] = format switch { "csv" => "csv", "json" => "object", _ => "array" },
            ["header"] = format != "json",
        };

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync($"{url}/druid/v2/sql", request, cancel);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"monolith query: cannot reach Monolith at {url}: {e.Message}");
            return 1;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancel);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"monolith query: {DescribeError(response, body)}");
                return 1;
            }

            switch (format)
            {
                case "csv":
                    await output.WriteAsync(body);
                    break;
                case "json":
                    await output.WriteLineAsync(JsonNode.Parse(body)?.ToJsonString(s_indented) ?? "null");
                    break;
                default:
                    await output.WriteAsync(FormatTable(body));
                    break;
            }
        }

        return 0;
    }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private static string DescribeError(HttpResponseMessage response, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject error)
            {
                var message = error["errorMessage"]?.GetValue<string>() ?? error["error"]?.GetValue<string>();
                if (message is not null)
                {
                    return message;
                }
            }
        }
        catch (JsonException)
        {
            // Not Druid's error JSON: fall through to the raw body.
        }

        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {body}";
    }

    /// <summary>
    /// Lays out Druid's <c>array</c> result format with a header row as a table: numbers right-aligned,
    /// text left-aligned, NULL shown as <c>null</c>.
    /// </summary>
    internal static string FormatTable(string arrayResultWithHeader)
    {
        var rows = JsonNode.Parse(arrayResultWithHeader) as JsonArray
            ?? throw new FormatException("The server's answer is not a JSON array.");
        if (rows.Count == 0)
        {
            return "(no columns)\n";
        }

        var cells = rows.Select(row => (row as JsonArray ?? [])
            .Select(cell => cell is null ? "null" : cell.GetValueKind() == JsonValueKind.String
                ? cell.GetValue<string>()
                : cell.ToJsonString()).ToArray()).ToList();
        var numeric = new bool[cells[0].Length];
        for (var c = 0; c < numeric.Length; c++)
        {
            numeric[c] = rows.Skip(1).All(row => row is JsonArray a && c < a.Count &&
                (a[c] is null || a[c]!.GetValueKind() == JsonValueKind.Number));
        }

        var widths = new int[cells[0].Length];
        foreach (var row in cells)
        {
            for (var c = 0; c < Math.Min(row.Length, widths.Length); c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var text = new StringBuilder();
        void Line(string[] row)
        {
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = c < row.Length ? row[c] : "";
                text.Append(c == 0 ? "" : " | ");
                text.Append(numeric[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            }

            text.Append('\n');
        }

        Line(cells[0]);
        text.Append(string.Join("-+-", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in cells.Skip(1))
        {
            Line(row);
        }

        text.Append(CultureInfo.InvariantCulture, $"({cells.Count - 1} row{(cells.Count == 2 ? "" : "s")})\n");
        return text.ToString();
    }
}
