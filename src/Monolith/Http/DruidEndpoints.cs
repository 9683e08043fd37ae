using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.Engine.Query;
using Monolith.Engine.Query.Results;

namespace Monolith.Http;

/// <summary>
/// Druid's query endpoints: <c>POST /druid/v2/sql</c> (Druid SQL, Druid's request body and result formats,
/// Arrow IPC when asked for) and <c>POST /druid/v2</c> (native JSON queries), with and without a trailing slash,
/// as Druid's own clients call them. A bad query gets Druid's error JSON with status 400.
/// </summary>
internal static class DruidEndpoints
{
    private const string ArrowStream = "application/vnd.apache.arrow.stream";

    public static void MapDruid(this WebApplication app, QueryEngine queries, long maxRequestBytes)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monolith.Http");
        RequestDelegate sql = context => ServeAsync(context, maxRequestBytes, logger, async (body, cancel) =>
        {
            var request = SqlQueryRequest.Parse(body.Span);
            if (Accepts(context.Request, ArrowStream))
            {
                request = request with { ResultFormat = SqlResultFormat.ArrowStream };
            }

            context.Response.ContentType = request.ContentType;
            if (request.Header)
            {
                context.Response.Headers["X-Druid-SQL-Header-Included"] = "yes";
            }

            await queries.ExecuteSqlAsync(request, context.Response.Body, cancel);
        });
        RequestDelegate native = context => ServeAsync(context, maxRequestBytes, logger, async (body, cancel) =>
        {
            context.Response.ContentType = "application/json";
            await queries.ExecuteNativeAsync(body, context.Response.Body, cancel);
        });

        // Routing matches a path with or without its trailing slash, as Druid's clients send both.
        app.MapPost("/druid/v2/sql", sql);
        app.MapPost("/druid/v2", native);
        app.MapDatasources(queries.Store);
    }

    private static async Task ServeAsync(HttpContext context, long maxRequestBytes, ILogger logger,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task> execute)
    {
        var cancel = context.RequestAborted;
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, maxRequestBytes, cancel);
        }
        catch (RequestTooLargeException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "invalidInput", "INVALID_INPUT",
                e.Message);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the same number) stops a body sent without Content-Length while it is read.
            await WriteErrorAsync(context, e.StatusCode, "invalidInput", "INVALID_INPUT",
                new RequestTooLargeException(maxRequestBytes).Message);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(context, e.StatusCode, "invalidInput", "INVALID_INPUT",
                $"The request body could not be read: {e.Message}");
            return;
        }

        try
        {
            await execute(body, cancel);
        }
        catch (QueryException e)
        {
            context.Response.StatusCode = e.HttpStatus;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(e.ToDruidErrorJson(), cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            Log.QueryFailed(logger, e, e.Message);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internalServerError",
                "RUNTIME_FAILURE", $"Monolith failed to answer the query: {e.Message}");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long maxRequestBytes,
        CancellationToken cancel)
    {
        if (request.ContentLength > maxRequestBytes)
        {
            throw new RequestTooLargeException(maxRequestBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > maxRequestBytes)
            {
                throw new RequestTooLargeException(maxRequestBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool Accepts(HttpRequest request, string mediaType) =>
        request.Headers.Accept.Any(value => value?.Contains(mediaType, StringComparison.OrdinalIgnoreCase) == true);

    internal static async Task WriteErrorAsync(HttpContext context, int status, string code, string category,
        string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("error", "druidException");
            json.WriteString("errorCode", code);
            json.WriteString("persona", status >= 500 ? "OPERATOR" : "USER");
            json.WriteString("category", category);
            json.WriteString("errorMessage", message);
            json.WriteStartObject("context");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private sealed class RequestTooLargeException(long limit)
        : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The request body is larger than the {limit} bytes allowed (Http:MaxRequestBytes)."));
}
