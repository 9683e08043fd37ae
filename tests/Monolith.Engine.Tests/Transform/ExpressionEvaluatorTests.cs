using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Changes;
using Monolith.Engine.Tests.Changes;
using Monolith.Engine.Transform;
using Monolith.Engine.Transform.Expressions;
using static Monolith.Engine.Transform.Expressions.ScalarFunction;

namespace Monolith.Engine.Tests.Transform;

public sealed class ExpressionEvaluatorTests
{
    private static readonly ColumnExpr s_n = Expr.Column(0, Int64Type.Default);
    private static readonly ColumnExpr s_x = Expr.Column(1, DoubleType.Default);
    private static readonly ColumnExpr s_price = Expr.Column(2, TestBatches.Price);
    private static readonly ColumnExpr s_name = Expr.Column(3, StringType.Default);
    private static readonly ColumnExpr s_at = Expr.Column(4, TestBatches.WallClock);
    private static readonly ColumnExpr s_day = Expr.Column(5, Date32Type.Default);
    private static readonly ColumnExpr s_flag = Expr.Column(6, BooleanType.Default);
    private static readonly ColumnExpr s_u = Expr.Column(7, UInt64Type.Default);
    private static readonly ColumnExpr s_doc = Expr.Column(8, StringType.Default);

    [Fact]
    public void Comparisons_against_literals_follow_the_column_type_and_keep_nulls()
    {
        Row[] rows = [new(N: 5, Price: 1050, Name: "b"), new(N: -5, Price: 999, Name: "é"), new()];

        Assert.Equal([true, false, null], Eval(rows, Expr.Call(Greater, s_n, Expr.Int64(0))));
        Assert.Equal([true, false, null], Eval(rows, Expr.Call(Greater, s_price, Expr.Int64(10))));
        Assert.Equal([false, true, null], Eval(rows, Expr.Call(Less, s_price, Expr.Decimal(1000, 5, 2))));
        Assert.Equal([true, true, null], Eval(rows, Expr.Call(GreaterOrEqual, Expr.Double(10.5), s_price)));
        Assert.Equal([false, true, null], Eval(rows, Expr.Call(Greater, s_name, Expr.Utf8("z"))));
        Assert.Equal([true, false, null], Eval(rows, Expr.Call(Equal, s_name, Expr.Utf8("b"))));
        Assert.Equal([null, null, null], Eval(rows, Expr.Call(Equal, s_n, Expr.Null(Int64Type.Default))));
    }

    [Fact]
    public void Timestamps_compare_with_date_text_and_dates()
    {
        var noon = CivilCalendar.MicrosFromCivil(2024, 3, 1, 12, 0, 0, 0);
        Row[] rows = [new(At: noon, Day: new DateOnly(2024, 3, 1)), new(At: noon - CivilCalendar.MicrosPerDay)];

        Assert.Equal([true, false], Eval(rows, Expr.Call(GreaterOrEqual, s_at, Expr.Utf8("2024-03-01"))));
        Assert.Equal([true, null], Eval(rows, Expr.Call(Greater, s_at, s_day)));
        Assert.Equal([true, null], Eval(rows, Expr.Call(Equal, s_day, Expr.Utf8("2024-03-01"))));
    }

    [Fact]
    public void And_or_not_follow_three_valued_logic()
    {
        // flag: true, false, NULL crossed with n > 0: true, false, NULL.
        Row[] rows =
        [
            new(Flag: true, N: 1), new(Flag: true, N: -1), new(Flag: true),
            new(Flag: false, N: 1), new(Flag: false, N: -1), new(Flag: false),
            new(N: 1), new(N: -1), new(),
        ];
        var positive = Expr.Call(Greater, s_n, Expr.Int64(0));

        Assert.Equal([true, false, null, false, false, false, null, false, null],
            Eval(rows, Expr.Call(And, s_flag, positive)));
        Assert.Equal([true, true, true, true, false, null, true, null, null],
            Eval(rows, Expr.Call(Or, s_flag, positive)));
        Assert.Equal([false, false, false, true, true, true, null, null, null], Eval(rows, Expr.Call(Not, s_flag)));
        Assert.Equal([false, false, false, false, false, false, true, true, true],
            Eval(rows, new IsNullExpr(s_flag)));
    }

    [Fact]
    public void A_filter_keeps_only_rows_where_it_is_true()
    {
        Row[] rows = [new(N: 1), new(N: 2), new(), new(N: 4)];
        var (batch, data) = TestBatches.Build(rows);
        using var _ = batch;
        var evaluator = new ExpressionEvaluator(data.Schema, [s_n], ["n"],
            filter: new InListExpr(s_n, [Expr.Int64(1), Expr.Int64(4), Expr.Null(Int64Type.Default)]));

        var output = evaluator.Evaluate(data);

        Assert.Equal([0, 3], evaluator.Select(data).ToArray());
        Assert.Equal([1L, 4L], ArrowValues.Read(output.Column(0)));
    }

    [Fact]
    public void In_and_not_in_treat_a_null_in_the_list_as_unknown()
    {
        Row[] rows = [new(N: 1), new(N: 2), new()];
        LiteralExpr[] withNull = [Expr.Int64(1), Expr.Null(Int64Type.Default)];
        var many = Enumerable.Range(100, 20).Select(i => Expr.Int64(i)).Append(Expr.Int64(2)).ToArray();

        Assert.Equal([true, null, null], Eval(rows, new InListExpr(s_n, withNull)));
        Assert.Equal([false, null, null], Eval(rows, new InListExpr(s_n, withNull, Negated: true)));
        Assert.Equal([false, true, null], Eval(rows, new InListExpr(s_n, many)));
        Assert.Equal([true, false, null], Eval(rows, new InListExpr(s_n, [Expr.Decimal(100, 5, 2), Expr.Double(1.5)])));
    }

    [Fact]
    public void Between_is_inclusive_at_both_ends()
    {
        Row[] rows = [new(N: 1), new(N: 2), new(N: 5), new(N: 6), new()];
        Assert.Equal([false, true, true, false, null],
            Eval(rows, Expr.Call(Between, s_n, Expr.Int64(2), Expr.Int64(5))));
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "ab", false)]
    [InlineData("abc", "a%", true)]
    [InlineData("abc", "%c", true)]
    [InlineData("abc", "%b%", true)]
    [InlineData("abc", "a_c", true)]
    [InlineData("añc", "a_c", true)]
    [InlineData("a😀c", "a_c", true)]
    [InlineData("abc", "a__c", false)]
    [InlineData("50%", "50\\%", true)]
    [InlineData("500", "50\\%", false)]
    [InlineData("a_b", "a\\_b", true)]
    [InlineData("axb", "a\\_b", false)]
    [InlineData("", "%", true)]
    [InlineData("", "", true)]
    [InlineData("", "_", false)]
    [InlineData("abcabc", "%a_c", true)]
    [InlineData("abxbc", "a%b_", true)]
    [InlineData("ABC", "abc", false)]
    [InlineData("mississippi", "m%iss%ppi", true)]
    [InlineData("mississippi", "m%iss%iss%iss%", false)]
    public void Like_matches_wildcards_escapes_and_characters(string text, string pattern, bool expected)
    {
        Row[] rows = [new(Name: text)];
        Assert.Equal([expected], Eval(rows, new LikeExpr(s_name, pattern)));
        Assert.Equal([!expected], Eval(rows, new LikeExpr(s_name, pattern, Negated: true)));
    }

    [Fact]
    public void Like_takes_another_escape_character()
    {
        Row[] rows = [new(Name: "10%"), new(Name: "10x"), new()];
        Assert.Equal([true, false, null], Eval(rows, new LikeExpr(s_name, "10!%", Escape: '!')));
    }

    [Fact]
    public void Integer_overflow_and_division_by_zero_become_null_and_are_counted()
    {
        Row[] rows = [new(N: long.MaxValue), new(N: long.MinValue), new(N: 0), new(N: 7), new()];
        var counters = new TransformCounters();

        Assert.Equal([null, long.MinValue + 1, 1L, 8L, null], Eval(rows, Expr.Call(Add, s_n, Expr.Int64(1)), counters));
        Assert.Equal(1, counters.Overflows);
        Assert.Equal([null, null, 0L, 14L, null], Eval(rows, Expr.Call(Multiply, s_n, Expr.Int64(2))));
        Assert.Equal([null, null, null, null, null],
            Eval(rows, Expr.Call(IntegerDivide, s_n, Expr.Int64(0)), counters));
        Assert.Equal(4, counters.DivisionsByZero);
        Assert.Equal([1L, 0L, 0L, 1L, null], Eval(rows, Expr.Call(Modulo, s_n, Expr.Int64(-2))));
        Assert.Equal([-long.MaxValue, null, 0L, -7L, null], Eval(rows, Expr.Call(Negate, s_n)));
    }

    [Fact]
    public void Decimal_arithmetic_is_exact_with_mysql_scales()
    {
        Row[] rows = [new(Price: 1000), new(Price: -1), new(Price: 0)];

        Assert.Equal(["3.333333", "-0.003333", "0.000000"], Eval(rows, Expr.Call(Divide, s_price, Expr.Int64(3))));
        Assert.Equal(["10.01000", "-0.01001", "0.00000"],
            Eval(rows, Expr.Call(Multiply, s_price, Expr.Decimal(1001, 5, 3))));
        Assert.Equal(["10.015", "0.005", "0.015"], Eval(rows, Expr.Call(Add, s_price, Expr.Decimal(15, 4, 3))));
        Assert.Equal([null, null, null], Eval(rows, Expr.Call(Divide, s_price, Expr.Int64(0))));
        Assert.Equal(["3.3333"], Eval([new(N: 10)], Expr.Call(Divide, s_n, Expr.Int64(3))));
        Assert.Equal([0.1 + 10.0], Eval([new(Price: 1000)], Expr.Call(Add, s_price, Expr.Double(0.1))));
    }

    [Fact]
    public void Case_coalesce_and_nullif_pick_values_row_by_row()
    {
        Row[] rows = [new(N: 5, Name: "a"), new(N: -5), new()];
        var sign = new CaseExpr(
            [
                new CaseBranch(Expr.Call(Greater, s_n, Expr.Int64(0)), Expr.Utf8("positive")),
                new CaseBranch(Expr.Call(Less, s_n, Expr.Int64(0)), Expr.Utf8("negative")),
            ],
            Expr.Utf8("unknown"), StringType.Default);

        Assert.Equal(["positive", "negative", "unknown"], Eval(rows, sign));
        Assert.Equal([5L, null, null], Eval(rows,
            new CaseExpr([new CaseBranch(Expr.Call(Greater, s_n, Expr.Int64(0)), s_n)], null, Int64Type.Default)));
        Assert.Equal(["a", "-5", "none"],
            Eval(rows, Expr.Call(Coalesce, s_name, Expr.Call(Concat, s_n), Expr.Utf8("none"))));
        Assert.Equal([null, -5L, null], Eval(rows, Expr.Call(NullIf, s_n, Expr.Int64(5))));
    }

    [Fact]
    public void String_functions_work_on_utf8_characters()
    {
        Row[] rows = [new(Name: "  Ärger über Öl  "), new(Name: ""), new()];

        Assert.Equal(["  ärger über öl  ", "", null], Eval(rows, Expr.Call(Lower, s_name)));
        Assert.Equal(["  ÄRGER ÜBER ÖL  ", "", null], Eval(rows, Expr.Call(Upper, s_name)));
        Assert.Equal(["Ärger über Öl", "", null], Eval(rows, Expr.Call(Trim, s_name)));
        Assert.Equal(["Ärger über Öl  ", "", null], Eval(rows, Expr.Call(TrimStart, s_name)));
        Assert.Equal([20L, 0L, null], Eval(rows, Expr.Call(Length, s_name)));
        Assert.Equal([17L, 0L, null], Eval(rows, Expr.Call(CharLength, s_name)));
        Assert.Equal(["über", "", null], Eval(rows, Expr.Call(Substring, s_name, Expr.Int64(9), Expr.Int64(4))));
        Assert.Equal(["Öl  ", "", null], Eval(rows, Expr.Call(Substring, s_name, Expr.Int64(-4))));
        Assert.Equal(["", "", null], Eval(rows, Expr.Call(Substring, s_name, Expr.Int64(0))));
        Assert.Equal(["__Ärger_über_Öl__", "", null],
            Eval(rows, Expr.Call(Replace, s_name, Expr.Utf8(" "), Expr.Utf8("_"))));
        Assert.Equal(["x  Ärger über Öl  ", "x", null], Eval(rows, Expr.Call(Concat, Expr.Utf8("x"), s_name)));
    }

    [Fact]
    public void Json_value_and_extract_follow_simple_paths()
    {
        Row[] rows =
        [
            new(Doc: """{"a":{"b":[10,{"c":"x\"y"}]},"s":"t\u00e9","n":null,"o":{"k":1}}"""),
            new(Doc: """{"a":1}"""),
            new(Doc: "not json"),
            new(),
        ];
        var counters = new TransformCounters();

        Assert.Equal(["10", null, null, null],
            Eval(rows, Expr.Call(JsonValue, s_doc, Expr.Utf8("$.a.b[0]")), counters));
        Assert.Equal(1, counters.InvalidInputs);
        Assert.Equal(["x\"y", null, null, null], Eval(rows, Expr.Call(JsonValue, s_doc, Expr.Utf8("$.a.b[1].c"))));
        Assert.Equal(["té", null, null, null], Eval(rows, Expr.Call(JsonValue, s_doc, Expr.Utf8("$.s"))));
        Assert.Equal([null, null, null, null], Eval(rows, Expr.Call(JsonValue, s_doc, Expr.Utf8("$.n"))));
        Assert.Equal([null, null, null, null], Eval(rows, Expr.Call(JsonValue, s_doc, Expr.Utf8("$.o"))));
        Assert.Equal(["""{"k":1}""", null, null, null], Eval(rows, Expr.Call(JsonExtract, s_doc, Expr.Utf8("$.o"))));
        Assert.Equal(["\"x\\\"y\"", null, null, null],
            Eval(rows, Expr.Call(JsonExtract, s_doc, Expr.Utf8("$.a.b[1].c"))));
        Assert.Throws<ExpressionException>(() => Eval(rows, Expr.Call(JsonValue, s_doc, Expr.Utf8("$.a[*]"))));
    }

    [Fact]
    public void Casts_round_half_away_from_zero_and_null_what_does_not_fit()
    {
        Row[] rows = [new(Price: 250, X: 2.5, Name: "42"), new(Price: -250, X: -2.5, Name: "4x2"), new()];
        var counters = new TransformCounters();

        Assert.Equal([3L, -3L, null], Eval(rows, new CastExpr(s_price, Int64Type.Default)));
        Assert.Equal([3L, -3L, null], Eval(rows, new CastExpr(s_x, Int64Type.Default)));
        Assert.Equal([42L, null, null], Eval(rows, new CastExpr(s_name, Int64Type.Default), counters));
        Assert.Equal(1, counters.InvalidInputs);
        Assert.Equal(["2.5", "-2.5", null], Eval(rows, new CastExpr(s_x, new Decimal128Type(5, 1))));
        Assert.Equal(["2.50", "-2.50", null], Eval(rows, new CastExpr(s_price, StringType.Default)));
        Assert.Equal([null, null, null], Eval(rows, new CastExpr(s_price, new Decimal128Type(2, 2))));
        Assert.Equal([2.5, -2.5, null], Eval(rows, new CastExpr(s_price, DoubleType.Default)));
        Assert.Equal([null, 3UL, null], Eval(rows, new CastExpr(Expr.Call(Negate, s_price), UInt64Type.Default)));
    }

    [Fact]
    public void Timestamps_format_and_parse_as_mysql_writes_them()
    {
        var at = CivilCalendar.MicrosFromCivil(2024, 2, 29, 23, 59, 58, 120);
        Row[] rows = [new(At: at, Day: new DateOnly(1999, 12, 31)), new(At: at - 120)];

        Assert.Equal(["2024-02-29 23:59:58.000120", "2024-02-29 23:59:58"],
            Eval(rows, new CastExpr(s_at, StringType.Default)));
        Assert.Equal(["1999-12-31", null], Eval(rows, new CastExpr(s_day, StringType.Default)));
        Assert.Equal([at - 120], Eval([new()], new CastExpr(Expr.Utf8("2024-02-29 23:59:58"), TestBatches.WallClock)));
    }

    [Fact]
    public void Extract_reads_calendar_parts_and_iso_weekdays()
    {
        var at = CivilCalendar.MicrosFromCivil(2024, 12, 31, 13, 14, 15, 16);
        Row[] rows = [new(At: at, Day: new DateOnly(2024, 12, 29))];

        long?[] expected = [2024, 4, 12, 31, 13, 14, 15, 16, 2, 366, at / 1_000_000];
        var fields = Enum.GetValues<DateField>();
        Assert.Equal(expected.Cast<object?>(), fields.Select(f => Eval(rows, new ExtractExpr(f, s_at))[0]));
        Assert.Equal(7L, Eval(rows, new ExtractExpr(DateField.DayOfWeek, s_day))[0]);
        Assert.Equal(-1L, Eval([new(At: -1)], new ExtractExpr(DateField.Epoch, s_at))[0]);
    }

    [Fact]
    public void Interval_arithmetic_clamps_month_ends_and_differences_count_whole_units()
    {
        var jan31 = CivilCalendar.MicrosFromCivil(2024, 1, 31, 10, 0, 0, 0);
        var feb29 = CivilCalendar.MicrosFromCivil(2024, 2, 29, 10, 0, 0, 0);
        Row[] rows = [new(At: jan31, Day: new DateOnly(2023, 1, 31))];

        Assert.Equal([feb29], Eval(rows, new DateAddExpr(s_at, Expr.Int64(1), IntervalPart.Month)));
        Assert.Equal([(int)CivilCalendar.DaysFromCivil(2023, 2, 28)],
            Eval(rows, new DateAddExpr(s_day, Expr.Int64(1), IntervalPart.Month)));
        Assert.Equal([jan31 - 3_600_000_000L], Eval(rows, new DateAddExpr(s_at, Expr.Int64(-1), IntervalPart.Hour)));
        var plus29Days = new DateAddExpr(s_at, Expr.Int64(29), IntervalPart.Day);
        Assert.Equal([0L], Eval(rows, new DateDiffExpr(IntervalPart.Month, s_at, plus29Days)));
        Assert.Equal([12L], Eval(rows, new DateDiffExpr(IntervalPart.Month, s_day, s_at)));
        var minus29Days = new DateAddExpr(s_at, Expr.Int64(-29), IntervalPart.Day);
        Assert.Equal([-29L], Eval(rows, new DateDiffExpr(IntervalPart.Day, s_at, minus29Days)));
        Assert.Equal([null], Eval(rows, new DateAddExpr(s_at, Expr.Int64(9000), IntervalPart.Year)));
    }

    [Fact]
    public void Unsigned_values_mix_with_signed_ones_as_decimals()
    {
        Row[] rows = [new(N: -1, U: ulong.MaxValue)];
        Assert.Equal([true], Eval(rows, Expr.Call(Greater, s_u, s_n)));
        Assert.Equal(["18446744073709551614"], Eval(rows, Expr.Call(Add, s_u, s_n)));
        Assert.Equal([null], Eval(rows, Expr.Call(Add, s_u, Expr.UInt64(1))));
    }

    [Fact]
    public void Projection_over_a_selection_gathers_the_chosen_rows()
    {
        Row[] rows = [new(N: 1, Name: "a", Flag: true), new(N: 2, Name: "bb"), new(N: 3, Name: "ccc", Flag: false)];
        var (batch, data) = TestBatches.Build(rows);
        using var _ = batch;
        var evaluator = new ExpressionEvaluator(data.Schema, [s_n, s_name, s_flag, s_day]);

        var output = evaluator.Project(data, [2, 0]);

        Assert.Equal([3L, 1L], ArrowValues.Read(output.Column(0)));
        Assert.Equal(["ccc", "a"], ArrowValues.Read(output.Column(1)));
        Assert.Equal([false, true], ArrowValues.Read(output.Column(2)));
        Assert.Equal([null, null], ArrowValues.Read(output.Column(3)));
    }

    [Fact]
    public void A_filter_that_keeps_nothing_yields_an_empty_batch_of_every_column_type()
    {
        Row[] rows = [new(N: 1, Name: "a", Price: 5, Flag: true), new(N: 2)];
        var (batch, data) = TestBatches.Build(rows);
        using var _ = batch;
        var evaluator = new ExpressionEvaluator(data.Schema,
            [s_n, Expr.Call(Upper, s_name), Expr.Call(Add, s_price, Expr.Int64(1)), Expr.Call(Not, s_flag), s_day],
            filter: Expr.Call(Greater, s_n, Expr.Int64(100)));

        var output = evaluator.Evaluate(data);

        Assert.Equal(0, output.Length);
        Assert.All(output.Arrays, array => Assert.Equal(0, array.Length));
    }

    [Fact]
    public void The_weight_column_passes_through_a_filter_and_takes_part_in_arithmetic()
    {
        var builder = new ChangeBatchBuilder([new ChangeColumn("qty", Int64Type.Default)]);
        foreach (var (sign, qty) in new (sbyte, long)[] { (1, 5), (-1, 5), (1, 7), (-1, 100) })
        {
            builder.BeginRow(sign);
            builder.AppendInt64(0, qty);
            builder.EndRow();
        }

        using var batch = builder.Close()!;
        var qtyColumn = Expr.Column(0, Int64Type.Default);
        var weight = Expr.Column(1, Int8Type.Default);
        var evaluator = new ExpressionEvaluator(batch.RecordBatch.Schema,
            [weight, Expr.Call(Multiply, weight, qtyColumn)], ["__weight", "signed_qty"],
            filter: Expr.Call(Less, qtyColumn, Expr.Int64(50)));

        var output = evaluator.Evaluate(batch.RecordBatch);

        Assert.Equal([(sbyte)1, (sbyte)-1, (sbyte)1], ((Int8Array)output.Column(0)).Values.ToArray());
        Assert.Equal([5L, -5L, 7L], ArrowValues.Read(output.Column(1)));
        builder.Dispose();
    }

    [Fact]
    public void Compile_errors_name_the_problem()
    {
        var schema = TestBatches.Build([new()]).Data.Schema;
        Assert.Contains("Column 42", Compile(schema, Expr.Column(42, Int64Type.Default)), StringComparison.Ordinal);
        Assert.Contains("('name')", Compile(schema, Expr.Column(3, Int64Type.Default)), StringComparison.Ordinal);
        Assert.Contains("cannot be compared", Compile(schema, Expr.Call(Equal, s_flag, s_at)),
            StringComparison.Ordinal);
        Assert.Contains("takes 2 arguments", Compile(schema, Expr.Call(Add, s_n)), StringComparison.Ordinal);
    }

    [Fact]
    public void Steady_state_allocation_per_batch_does_not_grow_with_rows()
    {
        var rows = Enumerable.Range(0, 4096)
            .Select(i => new Row(N: i, Price: i * 3, Name: $"name {i % 7} ü", Doc: $$"""{"a":{{i}}}"""))
            .ToArray();
        var (batch, data) = TestBatches.Build(rows);
        using var _ = batch;
        var evaluator = new ExpressionEvaluator(data.Schema,
            [
                Expr.Call(Add, s_n, Expr.Int64(1)),
                Expr.Call(Multiply, s_price, Expr.Decimal(3, 3, 1)),
                Expr.Call(Upper, s_name),
                Expr.Call(JsonValue, s_doc, Expr.Utf8("$.a")),
                new CaseExpr([new CaseBranch(new LikeExpr(s_name, "%3%"), s_n)], Expr.Int64(0), Int64Type.Default),
            ],
            filter: Expr.Call(Greater, s_n, Expr.Int64(10)));
        evaluator.Evaluate(data);
        evaluator.Evaluate(data);

        var (allocated, rounds) = SteadyAllocation.Measure(() => evaluator.Evaluate(data));

        Assert.True(allocated < 4096, $"A batch of 4096 rows allocated {rounds}.");
    }

    private static string Compile(Schema schema, Expr expression) =>
        Assert.Throws<ExpressionException>(() => new ExpressionEvaluator(schema, [expression])).Message;

    internal static object?[] Eval(IReadOnlyList<Row> rows, Expr expression, TransformCounters? counters = null,
        bool simd = true)
    {
        var (batch, data) = TestBatches.Build(rows);
        using var _ = batch;
        var options = new TransformOptions { UseSimd = simd };
        var evaluator = new ExpressionEvaluator(data.Schema, [expression], options: options);
        var result = ArrowValues.Read(evaluator.Evaluate(data).Column(0));
        if (counters is not null)
        {
            counters.Overflows += evaluator.Counters.Overflows;
            counters.DivisionsByZero += evaluator.Counters.DivisionsByZero;
            counters.InvalidInputs += evaluator.Counters.InvalidInputs;
        }

        return result;
    }
}
