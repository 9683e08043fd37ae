using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Rollups;

namespace Monolith.Engine.Tests.Rollups;

public sealed class RollupStoreTests
{
    private const string Demo =
        "SELECT TIME_FLOOR(created_at, 'PT1M') AS __time, status, COUNT(*) AS orders, SUM(total) AS revenue " +
        "FROM shop.orders GROUP BY 1, 2";

    private static RecordBatch DemoBatch(params (long Minute, string? Status, decimal? Total, sbyte Weight)[] rows)
    {
        var time = new Int64Array.Builder();
        var status = new StringArray.Builder();
        var total = new Decimal128Array.Builder(new Decimal128Type(12, 2));
        var weight = new Int8Array.Builder();
        foreach (var (minute, s, t, w) in rows)
        {
            time.Append(minute * 60_000);
            if (s is null)
            {
                status.AppendNull();
            }
            else
            {
                status.Append(s);
            }

            if (t is { } value)
            {
                total.Append(value);
            }
            else
            {
                total.AppendNull();
            }

            weight.Append(w);
        }

        IArrowArray[] arrays = [time.Build(), status.Build(), total.Build(), weight.Build()];
        var schema = new Schema(
        [
            new Field("__time", arrays[0].Data.DataType, false),
            new Field("status", arrays[1].Data.DataType, true),
            new Field("revenue", arrays[2].Data.DataType, true),
            new Field("__weight", arrays[3].Data.DataType, false),
        ], null);
        return new RecordBatch(schema, arrays, rows.Length);
    }

    [Fact]
    public void Commit_PublishesOnlyWholeCommits()
    {
        var rollup = new RollupStore().Add("r", Demo);
        rollup.Apply(DemoBatch((1, "paid", 10.00m, 1)));

        Assert.Empty(RollupContents.Read(rollup.Current));
        Assert.Equal(0, rollup.Current.Sequence);

        rollup.Commit("pos-1");

        var contents = RollupContents.ReadAsText(rollup.Current);
        Assert.Equal("10.00", contents["60000|paid"]["revenue"]);
        Assert.Equal(1, rollup.Current.Sequence);
        Assert.Equal("pos-1", rollup.Current.Position);
    }

    [Fact]
    public void PinnedVersion_KeepsItsContentWhileTheWriterMovesOn()
    {
        var rollup = new RollupStore().Add("r", Demo);
        rollup.Apply(DemoBatch((1, "paid", 10.00m, 1), (1, "paid", 5.00m, 1), (2, "new", 1.00m, 1)));
        var pinned = rollup.Commit("a");
        var before = RollupContents.ReadAsText(pinned);

        // Update, delete and insert through many groups, enough to grow every column past its first chunk.
        rollup.Apply(DemoBatch((1, "paid", 10.00m, -1), (1, "paid", 7.00m, 1), (2, "new", 1.00m, -1)));
        for (var minute = 3; minute < 3000; minute++)
        {
            rollup.Apply(DemoBatch((minute, "paid", 1.00m, 1)));
        }

        var after = rollup.Commit("b");

        Assert.Equal(before, RollupContents.ReadAsText(pinned));
        var now = RollupContents.ReadAsText(after);
        Assert.Equal("12.00", now["60000|paid"]["revenue"]);
        Assert.False(now.ContainsKey("120000|new"));
        Assert.Equal(2998, now.Count);
        Assert.Equal("a", pinned.Position);
    }

    [Fact]
    public void GroupWhoseRowsAreAllRetracted_DisappearsAndItsSlotIsReused()
    {
        var rollup = new RollupStore().Add("r", Demo);
        for (var minute = 0; minute < 2000; minute++)
        {
            rollup.Apply(DemoBatch((minute, "paid", 1.00m, 1)));
        }

        rollup.Commit(null);
        var slots = rollup.Current.GroupCount;
        for (var minute = 0; minute < 2000; minute++)
        {
            rollup.Apply(DemoBatch((minute, "paid", 1.00m, -1)));
        }

        rollup.Commit(null);
        Assert.Empty(RollupContents.Read(rollup.Current));
        for (var minute = 5000; minute < 6000; minute++)
        {
            rollup.Apply(DemoBatch((minute, "new", 2.50m, 1)));
        }

        rollup.Commit(null);
        var contents = RollupContents.ReadAsText(rollup.Current);
        Assert.Equal(1000, contents.Count);
        Assert.All(contents.Values, v => Assert.Equal("2.50", v["revenue"]));
        Assert.Equal(slots, rollup.Current.GroupCount);
    }

    [Fact]
    public void NullSums_AreNullAndCountsKeepCounting()
    {
        var rollup = new RollupStore().Add("r", Demo);
        rollup.Apply(DemoBatch((1, null, null, 1), (1, null, null, 1)));
        rollup.Commit(null);
        var group = RollupContents.ReadAsText(rollup.Current)["60000|NULL"];
        Assert.Equal("NULL", group["revenue"]);
        Assert.Equal("2", group["orders"]);

        rollup.Apply(DemoBatch((1, null, 3.10m, 1)));
        rollup.Commit(null);
        Assert.Equal("3.10", RollupContents.ReadAsText(rollup.Current)["60000|NULL"]["revenue"]);
    }

    [Fact]
    public void Retention_DropsOldBucketsAndThrowsAwayLateRows()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(100 * 60_000));
        var store = new RollupStore(clock);
        var rollup = store.Add("r", Demo, new RollupOptions { Retention = TimeSpan.FromMinutes(10) });
        rollup.Apply(DemoBatch((95, "paid", 1.00m, 1), (99, "paid", 1.00m, 1)));
        rollup.Commit(null);
        Assert.Equal(2, RollupContents.Read(rollup.Current).Count);

        clock.Now = clock.Now.AddMinutes(6);
        rollup.Apply(DemoBatch((95, "paid", 1.00m, -1), (80, "paid", 1.00m, 1)));
        rollup.Commit(null);

        var contents = RollupContents.ReadAsText(rollup.Current);
        Assert.Equal(["5940000|paid"], contents.Keys);
        var status = rollup.GetStatus();
        Assert.Equal(2, status.RowsOutsideRetention);
        Assert.Equal(1, status.LiveGroups);
    }

    [Fact]
    public void RetractionOfAnUnseenRow_IsHiddenAndReportedAsNegative()
    {
        var rollup = new RollupStore().Add("r", Demo);
        rollup.Apply(DemoBatch((1, "paid", 1.00m, -1)));
        rollup.Commit(null);

        Assert.Empty(RollupContents.Read(rollup.Current));
        Assert.Equal(1, rollup.GetStatus().NegativeGroups);

        rollup.Apply(DemoBatch((1, "paid", 1.00m, 1), (1, "paid", 4.00m, 1)));
        rollup.Commit(null);
        Assert.Equal("4.00", RollupContents.ReadAsText(rollup.Current)["60000|paid"]["revenue"]);
    }

    [Fact]
    public void Status_MeasuresGroupsDictionariesAndMemory()
    {
        var rollup = new RollupStore().Add("r", Demo);
        rollup.Apply(DemoBatch((1, "paid", 1.00m, 1), (1, "new", 1.00m, 1), (2, "paid", 1.00m, 1)));
        rollup.Commit("p");

        var status = rollup.GetStatus();
        Assert.Equal("r", status.Name);
        Assert.Equal(3, status.LiveGroups);
        Assert.Equal(2, status.DictionarySizes["status"]);
        Assert.Equal(3, status.RowsApplied);
        Assert.True(status.StateBytes > 0);
        Assert.True(status.DictionaryBytes > 0);
        Assert.True(status.IndexBytes > 0);
        Assert.Equal("p", status.Position);
    }

    [Fact]
    public void NullTime_IsThrownAwayAndCounted()
    {
        var rollup = new RollupStore().Add("r", Demo);
        var time = new Int64Array.Builder().Append(60_000).AppendNull().Build();
        var status = new StringArray.Builder().Append("a").Append("b").Build();
        var revenue = new Decimal128Array.Builder(new Decimal128Type(12, 2)).Append(1m).Append(2m).Build();
        var weight = new Int8Array.Builder().Append(1).Append(1).Build();
        var schema = new Schema(
        [
            new Field("__time", Int64Type.Default, true), new Field("status", StringType.Default, true),
            new Field("revenue", revenue.Data.DataType, true), new Field("__weight", Int8Type.Default, false),
        ], null);
        rollup.Apply(new RecordBatch(schema, [time, status, revenue, weight], 2));
        rollup.Commit(null);

        Assert.Single(RollupContents.Read(rollup.Current));
        Assert.Equal(1, rollup.GetStatus().RowsWithoutTime);
    }

    [Fact]
    public void Apply_RejectsBatchesThatDoNotFit()
    {
        var rollup = new RollupStore().Add("r", Demo);
        var time = new Int64Array.Builder().Append(0).Build();
        var weight = new Int8Array.Builder().Append(1).Build();
        var missing = new Schema(
            [new Field("__time", Int64Type.Default, false), new Field("__weight", Int8Type.Default, false)], null);

        var error = Assert.Throws<RollupSchemaException>(() =>
            rollup.Apply(new RecordBatch(missing, [time, weight], 1)));
        Assert.Equal("rollup 'r', column 'status': the batch has no such column", error.Message);

        rollup.Apply(DemoBatch((1, "a", 1m, 1)));
        var doubles = new DoubleArray.Builder().Append(1).Build();
        var status = new StringArray.Builder().Append("a").Build();
        var changed = new Schema(
        [
            new Field("__time", Int64Type.Default, false), new Field("status", StringType.Default, true),
            new Field("revenue", DoubleType.Default, true), new Field("__weight", Int8Type.Default, false),
        ], null);
        error = Assert.Throws<RollupSchemaException>(() =>
            rollup.Apply(new RecordBatch(changed, [time, status, doubles, weight], 1)));
        Assert.Equal("rollup 'r', column 'revenue': type changed from DECIMAL(12, 2) to DOUBLE", error.Message);

        var strings = new Schema(
        [
            new Field("__time", Int64Type.Default, false), new Field("status", StringType.Default, true),
            new Field("revenue", StringType.Default, true), new Field("__weight", Int8Type.Default, false),
        ], null);
        var other = new RollupStore().Add("s", Demo);
        error = Assert.Throws<RollupSchemaException>(() =>
            other.Apply(new RecordBatch(strings, [time, status, status, weight], 1)));
        Assert.Equal("rollup 's', column 'revenue': SUM cannot aggregate utf8", error.Message);
    }

    [Fact]
    public void ApproxCountDistinct_IsExactWhileSmallAndCountsRetractionsItCannotApply()
    {
        var rollup = new RollupStore().Add("r",
            "SELECT TIME_FLOOR(t, 'PT1H') AS __time, APPROX_COUNT_DISTINCT(user_id) AS users, " +
            "COUNT(DISTINCT user_id) AS exact_users FROM shop.orders GROUP BY 1",
            new RollupOptions { ExactDistinctLimit = 16 });

        RecordBatch Users(int from, int to, sbyte weight)
        {
            var count = to - from;
            var times = new Int64Array.Builder();
            var users = new Int64Array.Builder();
            var exact = new Int64Array.Builder();
            var weights = new Int8Array.Builder();
            for (var u = from; u < to; u++)
            {
                times.Append(0);
                users.Append(u);
                exact.Append(u);
                weights.Append(weight);
            }

            var schema = new Schema(
            [
                new Field("__time", Int64Type.Default, false), new Field("users", Int64Type.Default, false),
                new Field("exact_users", Int64Type.Default, false), new Field("__weight", Int8Type.Default, false),
            ], null);
            return new RecordBatch(schema, [times.Build(), users.Build(), exact.Build(), weights.Build()], count);
        }

        rollup.Apply(Users(0, 10, 1));
        rollup.Apply(Users(0, 5, -1));
        rollup.Commit(null);
        var small = RollupContents.ReadAsText(rollup.Current)["0"];
        Assert.Equal("5", small["users"]);
        Assert.Equal("5", small["exact_users"]);

        rollup.Apply(Users(100, 1100, 1));
        rollup.Commit(null);
        var large = RollupContents.Read(rollup.Current)["0"];
        Assert.InRange(large["users"].Long, 1005 * 0.95, 1005 * 1.05);
        Assert.Equal(1005, large["exact_users"].Long);

        rollup.Apply(Users(100, 200, -1));
        rollup.Commit(null);
        Assert.Equal(100, rollup.GetStatus().IgnoredRetractions);
        Assert.Equal(905, RollupContents.Read(rollup.Current)["0"]["exact_users"].Long);

        rollup.Apply(Users(5, 10, -1));
        rollup.Apply(Users(200, 1100, -1));
        rollup.Commit(null);
        Assert.Empty(RollupContents.Read(rollup.Current));

        rollup.Apply(Users(0, 3, 1));
        rollup.Commit(null);
        Assert.Equal("3", RollupContents.ReadAsText(rollup.Current)["0"]["users"]);
    }

    [Fact]
    public void SchemaGivenUpFront_FixesColumnTypesBeforeTheFirstBatch()
    {
        var schema = DemoBatch((1, "a", 1m, 1)).Schema;
        var rollup = new RollupStore().Add(RollupDefinition.Parse("r", Demo), schema);

        var columns = rollup.Current.Columns;
        Assert.Equal(["__time", "status", "orders", "revenue"], columns.Select(c => c.Name));
        Assert.Equal(["TIMESTAMP", "VARCHAR", "BIGINT", "DECIMAL"], columns.Select(c => c.Type.SqlTypeName));
        Assert.Equal(38, columns[3].Type.Precision);
        Assert.Equal(2, columns[3].Type.Scale);
    }

    [Fact]
    public void Store_KeepsRollupsByNameAndCommitsThemTogether()
    {
        var store = new RollupStore();
        var a = store.Add("a", Demo);
        var b = store.Add("b", Demo);
        Assert.Throws<ArgumentException>(() => store.Add("a", Demo));
        a.Apply(DemoBatch((1, "x", 1m, 1)));
        b.Apply(DemoBatch((1, "y", 1m, 1)));
        store.Commit(42);

        Assert.Equal(42, store["a"].Current.Position);
        Assert.Equal(42, store["b"].Current.Position);
        Assert.True(store.TryGet("b", out _));
        Assert.Equal(["a", "b"], store.GetStatus().Select(s => s.Name));
        Assert.Throws<KeyNotFoundException>(() => store["c"]);
    }
}
