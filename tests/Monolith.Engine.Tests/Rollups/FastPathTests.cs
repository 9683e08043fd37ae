using Apache.Arrow;
using Monolith.Engine.Rollups;
using Monolith.Engine.Rollups.Dictionaries;
using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Tests.Rollups;

/// <summary>
/// The specialised paths of rollup apply must give what the general ones give: the group index's loop for two
/// dimensions against its loop over any number of them, and an exact COUNT(DISTINCT) of a BIGINT that skips the
/// dictionary look-up of rows it does not apply against a straightforward count of the surviving rows.
/// </summary>
public sealed class FastPathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TwoDimensionIndex_AssignsTheGroupsAndCountsOfTheGeneralIndex(int seed)
    {
        var random = new Random(seed);
        var fast = new GroupTable(2);
        var general = new GroupTable(3);
        for (var batch = 0; batch < 40; batch++)
        {
            var rows = random.Next(1, 600);
            var times = new long[rows];
            var ids = new[] { new int[rows], new int[rows], new int[rows] };
            var weights = new sbyte[rows];
            var fastGroups = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                // Runs of equal keys, as consecutive rows often share a group, and rows the caller skipped.
                var repeat = i > 0 && random.Next(3) == 0;
                times[i] = repeat ? times[i - 1] : random.Next(20) * 60_000L;
                ids[0][i] = repeat ? ids[0][i - 1] : random.Next(8);
                ids[1][i] = repeat ? ids[1][i - 1] : random.Next(5);
                weights[i] = random.Next(3) == 0 ? (sbyte)-1 : (sbyte)1;
                fastGroups[i] = random.Next(10) == 0 ? -1 : 0;
            }

            var generalGroups = (int[])fastGroups.Clone();
            fast.Resolve(times, ids[..2], weights, fastGroups);
            general.Resolve(times, ids, weights, generalGroups);

            Assert.Equal(generalGroups, fastGroups);
            Assert.Equal(general.Count, fast.Count);
            Assert.Equal(general.EmptyCount, fast.EmptyCount);
            Assert.Equal(general.Emptied, fast.Emptied);
            for (var group = 0; group < fast.Count; group++)
            {
                Assert.Equal(general.RowCounts.Get(group), fast.RowCounts.Get(group));
                Assert.Equal(general.Time.Get(group), fast.Time.Get(group));
                Assert.Equal(general.Dimensions[0].Get(group), fast.Dimensions[0].Get(group));
                Assert.Equal(general.Dimensions[1].Get(group), fast.Dimensions[1].Get(group));
            }

            fast.Emptied.Clear();
            general.Emptied.Clear();
        }
    }

    [Fact]
    public void LongDictionary_EncodingOnlyAppliedRows_GivesTheIdsOfAFullEncoding()
    {
        var values = new Int64Array.Builder().AppendRange([5, 7, 5, 9, 11, 7, 13]).AppendNull().Build();
        var groups = new[] { 0, -1, 2, 0, -1, 1, 3, 0 };
        var skipping = new LongDictionary(ColumnType.Long);
        var full = new LongDictionary(ColumnType.Long);
        var skippedIds = new int[values.Length];
        var fullIds = new int[values.Length];

        skipping.Encode(values, skippedIds, groups);
        full.Encode(values, fullIds);

        // 11 belongs to a skipped row only, so the skipping dictionary holds one value fewer.
        Assert.Equal(full.Count - 1, skipping.Count);
        for (var i = 0; i < values.Length; i++)
        {
            if (groups[i] >= 0)
            {
                Assert.Equal(values.GetValue(i) is { } value ? full.Lookup(value) : 0, fullIds[i]);
                Assert.Equal(values.GetValue(i) is { } same ? skipping.Lookup(same) : 0, skippedIds[i]);
            }
        }
    }

    [Fact]
    public void StringDictionary_EncodingOnlyAppliedRows_GivesTheIdsOfAFullEncoding()
    {
        var values = new StringArray.Builder().AppendRange(["a", "bb", "a", "a value longer than fifteen bytes",
            "skipped", "bb"]).AppendNull().Build();
        var groups = new[] { 0, 1, -1, 2, -1, 0, 0 };
        var skipping = new StringDictionary();
        var full = new StringDictionary();
        var skippedIds = new int[values.Length];
        var fullIds = new int[values.Length];

        skipping.Encode(values, skippedIds, groups);
        full.Encode(values, fullIds);

        // "skipped" belongs to a skipped row only, so the skipping dictionary holds one value fewer.
        Assert.Equal(full.Count - 1, skipping.Count);
        var fullValues = full.Publish();
        var skippingValues = skipping.Publish();
        for (var i = 0; i < values.Length; i++)
        {
            if (groups[i] >= 0)
            {
                Assert.Equal(values.IsNull(i), skippedIds[i] == 0);
                Assert.Equal(fullValues.GetValue(fullIds[i]), skippingValues.GetValue(skippedIds[i]));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LongDictionary_BatchEncoding_GivesTheIdsOfOneLookUpPerValue(int seed)
    {
        // Batches with new values that grow the table in the middle of a batch, repeats, runs and NULLs: the
        // batched probes must agree with looking each value up on its own.
        var random = new Random(seed);
        var batched = new LongDictionary(ColumnType.Long);
        var single = new LongDictionary(ColumnType.Long);
        for (var batch = 0; batch < 30; batch++)
        {
            var builder = new Int64Array.Builder();
            var rows = random.Next(1, 3000);
            var range = random.Next(1, 20_000);
            for (var i = 0; i < rows; i++)
            {
                if (random.Next(20) == 0)
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(random.Next(range) - (range / 2));
                }
            }

            var values = builder.Build();
            var ids = new int[rows];
            batched.Encode(values, ids);
            for (var i = 0; i < rows; i++)
            {
                Assert.Equal(values.GetValue(i) is { } value ? single.Lookup(value) : 0, ids[i]);
            }
        }

        Assert.Equal(single.Count, batched.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ExactDistinctOfBigint_WithUpdatesThatChangeNothing_EqualsCountOfSurvivingRows(int seed)
    {
        const string sql = "SELECT TIME_FLOOR(created, 'PT1H') AS __time, country, currency, " +
                           "COUNT(DISTINCT user_id) AS customers FROM shop.orders GROUP BY 1, 2, 3";
        var random = new Random(seed);
        var rollup = new RollupStore().Add("distinct", sql);
        var rows = new List<(long Hour, string Country, string Currency, long User)>();
        for (var transaction = 0; transaction < 60; transaction++)
        {
            var changes = new List<((long Hour, string Country, string Currency, long User) Row, sbyte Weight)>();
            for (var op = random.Next(1, 40); op > 0; op--)
            {
                var choice = random.Next(4);
                if (rows.Count == 0 || choice == 0)
                {
                    var row = (random.Next(3) * 3_600_000L, $"c{random.Next(4)}", "EUR", (long)random.Next(50));
                    rows.Add(row);
                    changes.Add((row, 1));
                }
                else
                {
                    var index = random.Next(rows.Count);
                    var old = rows[index];
                    var updated = choice switch
                    {
                        1 => old, // an UPDATE of a column the rollup does not read
                        2 => old with { User = random.Next(50) },
                        _ => old,
                    };
                    changes.Add((old, -1));
                    if (choice == 3)
                    {
                        rows.RemoveAt(index);
                        continue;
                    }

                    rows[index] = updated;
                    changes.Add((updated, 1));
                }
            }

            rollup.Apply(Batch(changes));
            var version = rollup.Commit(transaction);
            var expected = rows.GroupBy(r => $"{r.Hour}|{r.Country}|{r.Currency}")
                .ToDictionary(g => g.Key, g => (long)g.Select(r => r.User).Distinct().Count());
            var actual = new Dictionary<string, long>();
            for (var group = 0; group < version.GroupCount; group++)
            {
                if (version.RowCounts[group] > 0)
                {
                    var country = version.Dictionaries[0]!.GetValue(version.Dimensions[0][group]);
                    var currency = version.Dictionaries[1]!.GetValue(version.Dimensions[1][group]);
                    var key = $"{version.Time[group]}|{country}|{currency}";
                    actual[key] = version.Metrics[0]!.Final(group, version.RowCounts[group]).Long;
                }
            }

            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        }
    }

    private static RecordBatch Batch(
        List<((long Hour, string Country, string Currency, long User) Row, sbyte Weight)> changes)
    {
        var time = new Int64Array.Builder();
        var country = new StringArray.Builder();
        var currency = new StringArray.Builder();
        var user = new Int64Array.Builder();
        var weight = new Int8Array.Builder();
        foreach (var (row, w) in changes)
        {
            time.Append(row.Hour);
            country.Append(row.Country);
            currency.Append(row.Currency);
            user.Append(row.User);
            weight.Append(w);
        }

        var fields = new List<(string Name, IArrowArray Array)>
        {
            ("__time", time.Build()),
            ("country", country.Build()),
            ("currency", currency.Build()),
            ("customers", user.Build()),
            ("__weight", weight.Build()),
        };
        var schema = new Schema(fields.Select(f => new Field(f.Name, f.Array.Data.DataType, true)), null);
        return new RecordBatch(schema, fields.Select(f => f.Array), changes.Count);
    }
}
