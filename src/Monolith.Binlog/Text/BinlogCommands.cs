using System.Diagnostics;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Files;
using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Text;

/// <summary>
/// The library side of <c>monolith binlog dump FILE...</c> and <c>monolith binlog stats FILE...</c>: files are read
/// in the order given with one decoder, so a transaction's position and table maps carry over a rotate.
/// </summary>
public static class BinlogCommands
{
    /// <summary>Writes every committed row change of the files as JSON lines to <paramref name="output"/>.</summary>
    /// <param name="files">Binlog or relay-log files, plain or <c>.gz</c>.</param>
    /// <param name="output">Receives the JSON lines.</param>
    /// <param name="diagnostics">Receives notices and schema changes as <c>#</c> lines; optional.</param>
    /// <param name="schemaProvider">Supplies column names when the files lack them; optional.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The number of row changes written.</returns>
    /// <exception cref="BinlogException">A file is not a binlog, is truncated or holds a malformed event.</exception>
    public static async Task<long> DumpAsync(IReadOnlyList<string> files, Stream output, TextWriter? diagnostics = null,
        ISchemaProvider? schemaProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var consumer = new BinlogDumpConsumer(output, diagnostics);
        using var decoder = new BinlogDecoder(consumer, schemaProvider);
        var reader = new BinlogFileReader(decoder);
        foreach (var file in files)
        {
            await reader.ReadFileAsync(file, cancellationToken);
        }

        consumer.FlushBuffer();
        await output.FlushAsync(cancellationToken);
        return consumer.Rows;
    }

    /// <summary>Decodes every value of every committed row change and reports counts and speed.</summary>
    /// <exception cref="BinlogException">A file is not a binlog, is truncated or holds a malformed event.</exception>
    public static async Task<BinlogStatsReport> StatsAsync(IReadOnlyList<string> files,
        ISchemaProvider? schemaProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var consumer = new BinlogStatsConsumer();
        using var decoder = new BinlogDecoder(consumer, schemaProvider);
        var reader = new BinlogFileReader(decoder);
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            await reader.ReadFileAsync(file, cancellationToken);
        }

        clock.Stop();
        var statistics = decoder.Statistics;
        return new BinlogStatsReport(consumer.GetCounts(), consumer.Transactions, statistics.Events,
            statistics.Bytes, clock.Elapsed);
    }
}
