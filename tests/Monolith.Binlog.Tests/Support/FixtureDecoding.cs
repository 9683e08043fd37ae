using Monolith.Binlog.Decoding;
using Monolith.Binlog.Files;
using Monolith.Binlog.Schema;

namespace Monolith.Binlog.Tests.Support;

/// <summary>Reads a fixture file through the whole stack and returns what was delivered.</summary>
internal static class FixtureDecoding
{
    public static (RecordingConsumer Consumer, DecoderStatistics Statistics) Decode(string relative,
        ISchemaProvider? schemas = null, BinlogDecoderOptions? options = null)
    {
        var consumer = new RecordingConsumer();
        using var decoder = new BinlogDecoder(consumer, schemas, options);
        var reader = new BinlogFileReader(decoder);
        reader.ReadFileAsync(FixtureFiles.PathOf(relative)).GetAwaiter().GetResult();
        return (consumer, decoder.Statistics);
    }
}
