using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Monolith.Engine.Changes;
using Monolith.Engine.Transform;
using Monolith.Engine.Transform.Expressions;
using static Monolith.Engine.Transform.Expressions.ScalarFunction;

namespace Monolith.Benchmarks.Transform;

/// <summary>
/// Nanoseconds per row of each kind of kernel over one batch of 65,536 rows (every tenth value NULL), with
/// the allocations per row. Filters report the cost of producing the selection vector, derived columns the
/// cost of producing the output array. "Scalar" variants run the same expression with SIMD turned off.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class KernelBenchmarks
{
    private const int Rows = 65_536;

    private static readonly ColumnExpr s_n = Expr.Column(0, Int64Type.Default);
    private static readonly ColumnExpr s_price = Expr.Column(1, new Decimal128Type(12, 2));
    private static readonly ColumnExpr s_name = Expr.Column(2, StringType.Default);
    private static readonly ColumnExpr s_doc = Expr.Column(3, StringType.Default);

    private ChangeBatchBuilder _builder = null!;
    private ChangeBatch _batch = null!;
    private RecordBatch _data = null!;
    private ExpressionEvaluator _filterInt64 = null!;
    private ExpressionEvaluator _filterInt64Scalar = null!;
    private ExpressionEvaluator _filterDecimal = null!;
    private ExpressionEvaluator _filterLike = null!;
    private ExpressionEvaluator _filterLikeGeneral = null!;
    private ExpressionEvaluator _filterIn = null!;
    private ExpressionEvaluator _addInt64 = null!;
    private ExpressionEvaluator _addInt64Scalar = null!;
    private ExpressionEvaluator _multiplyDecimal = null!;
    private ExpressionEvaluator _case = null!;
    private ExpressionEvaluator _jsonValue = null!;
    private ExpressionEvaluator _upper = null!;

    [GlobalSetup]
    public void Setup()
    {
        ChangeColumn[] columns =
        [
            new("n", Int64Type.Default),
            new("price", new Decimal128Type(12, 2)),
            new("name", StringType.Default),
            new("doc", StringType.Default),
        ];
        _builder = new ChangeBatchBuilder(columns, options: new ChangeBatchOptions { MaxRows = Rows });
        var random = new Random(42);
        string[] names = ["red shirt", "blue jeans", "green abc hat", "yellow scarf", "black shoes", "white abcsocks"];
        for (var i = 0; i < Rows; i++)
        {
            _builder.BeginRow(1);
            if (i % 10 == 9)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    _builder.AppendNull(c);
                }
            }
            else
            {
                _builder.AppendInt64(0, random.Next(-1_000_000, 1_000_000));
                _builder.AppendDecimal(1, random.Next(0, 10_000_000), 2);
                _builder.AppendBytes(2, Encoding.UTF8.GetBytes(names[random.Next(names.Length)]));
                _builder.AppendBytes(3, Encoding.UTF8.GetBytes(
                    $$"""{"id":{{i}},"a":{"b":"v{{random.Next(100)}}","c":[1,2,3]},"tag":"x"}"""));
            }

            _builder.EndRow();
        }

        _batch = _builder.Close()!;
        _data = _batch.RecordBatch;
        var schema = _data.Schema;
        var scalar = new TransformOptions { UseSimd = false };
        _filterInt64 = Filter(schema, Expr.Call(Greater, s_n, Expr.Int64(0)));
        _filterInt64Scalar = Filter(schema, Expr.Call(Greater, s_n, Expr.Int64(0)), scalar);
        _filterDecimal = Filter(schema, Expr.Call(Greater, s_price, Expr.Decimal(5_000_000, 12, 2)));
        _filterLike = Filter(schema, new LikeExpr(s_name, "%abc%"));
        _filterLikeGeneral = Filter(schema, new LikeExpr(s_name, "%e_n%s"));
        _filterIn = Filter(schema, new InListExpr(s_n, [.. Enumerable.Range(0, 50).Select(i => Expr.Int64(i * 7))]));
        _addInt64 = Project(schema, Expr.Call(Add, s_n, Expr.Int64(1)));
        _addInt64Scalar = Project(schema, Expr.Call(Add, s_n, Expr.Int64(1)), scalar);
        _multiplyDecimal = Project(schema, Expr.Call(Multiply, s_price, Expr.Decimal(105, 3, 2)));
        _case = Project(schema, new CaseExpr(
            [
                new CaseBranch(Expr.Call(Greater, s_n, Expr.Int64(500_000)), Expr.Utf8("high")),
                new CaseBranch(Expr.Call(Greater, s_n, Expr.Int64(0)), Expr.Utf8("mid")),
            ],
            Expr.Utf8("low"), StringType.Default));
        _jsonValue = Project(schema, Expr.Call(ScalarFunction.JsonValue, s_doc, Expr.Utf8("$.a.b")));
        _upper = Project(schema, Expr.Call(Upper, s_name));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch.Dispose();
        _builder.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int FilterInt64() => _filterInt64.Select(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int FilterInt64Scalar() => _filterInt64Scalar.Select(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int FilterDecimal() => _filterDecimal.Select(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int FilterLikeContains() => _filterLike.Select(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int FilterLikeGeneral() => _filterLikeGeneral.Select(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int FilterIn50() => _filterIn.Select(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int AddInt64() => _addInt64.Evaluate(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int AddInt64Scalar() => _addInt64Scalar.Evaluate(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int MultiplyDecimal() => _multiplyDecimal.Evaluate(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int CaseToText() => _case.Evaluate(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int JsonValue() => _jsonValue.Evaluate(_data).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int UpperText() => _upper.Evaluate(_data).Length;

    private static ExpressionEvaluator Filter(Schema schema, Expr predicate, TransformOptions? options = null) =>
        new(schema, [s_n], filter: predicate, options: options);

    private static ExpressionEvaluator Project(Schema schema, Expr expression, TransformOptions? options = null) =>
        new(schema, [expression], options: options);
}
