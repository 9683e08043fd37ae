using CsCheck;
using Monolith.Binlog.Decoding;
using Monolith.Binlog.Files;
using Monolith.Binlog.Tests.Support;
using Monolith.Binlog.Text;

namespace Monolith.Binlog.Tests.Fuzz;

/// <summary>
/// Damaged input of any shape (bit flips, truncation, random bytes, spliced events) ends in a typed
/// <see cref="BinlogException"/> that names a position, never another exception type, a hang or unbounded memory.
/// </summary>
public class MalformedInputTests
{
    private static readonly string[] s_files =
    [
        "rust_mysql_common/json.binlog.000001",
        "rust_mysql_common/json-opaque.binlog",
        "rust_mysql_common/vector.binlog",
        "rust_mysql_common/mysql-enum-string-set.000001",
        "rust_mysql_common/mariadb-bin.000001",
        "rust_mysql_common/transaction_compression.000001",
        "rust_mysql_common/binlog_transaction_with_GTID_TAG.000001",
        "mysql-binlog-connector-java/mysql-bin.compressed",
        "mysql-binlog-connector-java/mysql-bin.checksum-crc32",
        "mysql-binlog-connector-java/mysql-bin.checksum-none",
        "MySqlCdc/mysql-bin.000001",
    ];

    private static readonly Lazy<byte[][]> s_contents = new(() => s_files.Select(FixtureFiles.Read).ToArray());

    [Fact]
    public void Rows_event_whose_columns_present_bitmap_is_empty_is_a_format_error_not_an_endless_loop()
    {
        // json-opaque.binlog's WRITE_ROWS event at 1428 has one column; clearing its bit in the columns-present
        // bitmap (byte 30 of the event) leaves row images that take no bytes.
        var bytes = (byte[])s_contents.Value[Array.IndexOf(s_files, "rust_mysql_common/json-opaque.binlog")].Clone();
        Assert.Equal(0xFF, bytes[1458]);
        bytes[1458] = 0xFE;

        var error = DecodeExpectingOnlyBinlogErrors(bytes, verify: false);

        var format = Assert.IsType<BinlogFormatException>(error);
        Assert.Equal(1428, format.Position!.Value.Offset);
        Assert.Contains("holds no column", format.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bit_flips_in_checksummed_and_unchecksummed_files_raise_only_binlog_exceptions() =>
        Gen.Select(Gen.Int[0, s_files.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 8], Gen.Bool)
            .Sample((file, seed, flips, verify) =>
            {
                var bytes = (byte[])s_contents.Value[file].Clone();
                var random = new Random(seed);
                for (var i = 0; i < flips; i++)
                {
                    var at = 4 + random.Next(bytes.Length - 4);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                DecodeExpectingOnlyBinlogErrors(bytes, verify);
            }, iter: 1500, threads: 1);

    [Fact]
    public void Truncation_anywhere_raises_a_truncation_or_format_error() =>
        Gen.Select(Gen.Int[0, s_files.Length - 1], Gen.Int[0, int.MaxValue])
            .Sample((file, seed) =>
            {
                var original = s_contents.Value[file];
                var length = new Random(seed).Next(original.Length);
                var error = DecodeExpectingOnlyBinlogErrors(original[..length], verify: true);

                // A file cut between two events is a valid (growing) binlog; a cut inside one must be reported.
                if (length > 4 && !EventBoundaries(original).Contains(length))
                {
                    Assert.IsType<BinlogTruncatedException>(error);
                    Assert.Equal(EventBoundaries(original).Where(b => b < length).Max(), error.Position!.Value.Offset);
                }
            }, iter: 500, threads: 1);

    [Fact]
    public void Random_bytes_after_the_magic_raise_only_binlog_exceptions() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
            DecodeExpectingOnlyBinlogErrors([0xFE, 0x62, 0x69, 0x6E, .. bytes], verify: false),
            iter: 1500, threads: 1);

    [Fact]
    public void Random_event_bodies_fed_after_a_real_prefix_raise_only_binlog_exceptions() =>
        Gen.Select(Gen.Int[0, s_files.Length - 1], Gen.Byte[0, 255], Gen.Byte.Array[0, 300])
            .Sample((file, type, body) =>
            {
                var events = new EventBuilder(checksum: false);
                var prefix = s_contents.Value[file];
                using var decoder = new BinlogDecoder(new BinlogStatsConsumer(),
                    options: new BinlogDecoderOptions { ValidateRows = true, VerifyChecksums = false });
                try
                {
                    new BinlogFileReader(decoder).ReadAsync(new MemoryStream(prefix), "prefix").GetAwaiter()
                        .GetResult();
                    decoder.Feed(events.Event((Monolith.Binlog.Events.BinlogEventType)type, body));
                }
                catch (BinlogException e)
                {
                    Assert.NotNull(e.Position);
                }
            }, iter: 1500, threads: 1);

    private static HashSet<long> EventBoundaries(byte[] file)
    {
        var boundaries = new HashSet<long>();
        long offset = 4;
        while (offset < file.Length)
        {
            boundaries.Add(offset);
            offset += BitConverter.ToUInt32(file, (int)offset + 9);
        }

        boundaries.Add(offset);
        return boundaries;
    }

    /// <summary>Decodes a whole file and every row value; returns the typed error, if any.</summary>
    private static BinlogException? DecodeExpectingOnlyBinlogErrors(byte[] file, bool verify)
    {
        using var consumer = new BinlogDumpConsumer(Stream.Null);
        using var decoder = new BinlogDecoder(consumer, options: new BinlogDecoderOptions
        {
            VerifyChecksums = verify,
            ValidateRows = true,
            MaxEventSize = 1 << 20,
            StagingMemoryLimit = 1 << 20,
        });
        try
        {
            new BinlogFileReader(decoder).ReadAsync(new MemoryStream(file), "fuzz.000001").GetAwaiter().GetResult();
            return null;
        }
        catch (BinlogException e)
        {
            Assert.NotNull(e.Position);
            return e;
        }
    }
}
