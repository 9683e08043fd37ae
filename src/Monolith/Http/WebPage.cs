using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monolith.Http;

/// <summary>
/// The web page at <c>/</c>: the source's state and position, each rollup's size, and a query box whose answer is
/// drawn as a table and, when it has a time column, as a chart that can refresh itself. The page is one
/// self-contained HTML file embedded in the executable (no files to deploy, nothing fetched from the internet);
/// it uses only the public endpoints (<c>/status</c> and <c>/druid/v2/sql</c>), so it shows nothing a client
/// could not ask for itself.
/// </summary>
internal static class WebPage
{
    private const string Resource = "Monolith.Http.Page.index.html";

    private static readonly Lazy<byte[]> s_page = new(Load);

    public static void MapWebPage(this WebApplication app)
    {
        app.MapGet("/", () => Results.Bytes(s_page.Value, "text/html; charset=utf-8"));
        app.MapGet("/index.html", () => Results.Redirect("/"));
    }

    private static byte[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the web page ({Resource}) is missing from the executable");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
