using CsCheck;
using Monolith.Engine.Transform;
using Monolith.Engine.Transform.Expressions;

namespace Monolith.Engine.Tests.Transform;

/// <summary>
/// Random expression trees over random batches (NULLs, extreme integers, empty and multi-byte text) must
/// give what a row-at-a-time evaluation of the same expression gives, on the SIMD path and on the scalar
/// path alike. Batches are long enough to cross 64-row words and SIMD blocks.
/// </summary>
public sealed class KernelPropertyTests
{
    [Fact]
    public void Integer_expressions_match_a_row_at_a_time_evaluation() =>
        Gen.Int.Sample(seed => Check(seed, g => g.Integer(3), v => v), iter: 150);

    [Fact]
    public void Boolean_expressions_match_a_row_at_a_time_evaluation_with_three_valued_logic() =>
        Gen.Int.Sample(seed => Check(seed, g => g.Boolean(3), v => v), iter: 150);

    [Fact]
    public void Text_expressions_match_a_row_at_a_time_evaluation() =>
        Gen.Int.Sample(seed => Check(seed, g => g.Text(3), v => v), iter: 150);

    [Fact]
    public void A_random_filter_selects_exactly_the_rows_where_it_is_true() =>
        Gen.Int.Sample(seed =>
        {
            var generator = new RandomExpressions(seed);
            var (predicate, reference) = generator.Boolean(3);
            var rows = generator.Rows(130);
            var (batch, data) = TestBatches.Build(rows);
            using var _ = batch;
            var evaluator = new ExpressionEvaluator(data.Schema, [RandomExpressions.N], filter: predicate);

            var selected = evaluator.Select(data).ToArray();

            var expected = Enumerable.Range(0, rows.Length).Where(i => reference(rows[i]) == true).ToArray();
            Assert.True(expected.SequenceEqual(selected), $"seed {seed}: {predicate}");
            var projected = ArrowValues.Read(evaluator.Evaluate(data).Column(0));
            Assert.Equal(expected.Select(i => (object?)rows[i].N), projected);
        }, iter: 100);

    private static void Check<T>(int seed, Func<RandomExpressions, (Expr, Func<Row, T>)> generate,
        Func<T, object?> box)
    {
        var generator = new RandomExpressions(seed);
        var (expression, reference) = generate(generator);
        var rows = generator.Rows(1 + Math.Abs(seed % 150));
        var expected = rows.Select(r => box(reference(r))).ToArray();

        var simd = ExpressionEvaluatorTests.Eval(rows, expression, simd: true);
        var scalar = ExpressionEvaluatorTests.Eval(rows, expression, simd: false);

        var message = $"seed {seed}: {expression}\nexpected {ArrowValues.Describe(expected)}\n" +
            $"actual   {ArrowValues.Describe(simd)}";
        Assert.True(expected.SequenceEqual(simd), message);
        Assert.True(simd.SequenceEqual(scalar), $"seed {seed}: SIMD and scalar paths differ for {expression}");
    }
}
