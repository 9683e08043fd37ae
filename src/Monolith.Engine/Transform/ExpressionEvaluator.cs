using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Nodes;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform;

/// <summary>
/// A list of expressions (and an optional filter) compiled once for an input schema and run column at a
/// time over record batches: the filter yields a selection vector, the projections produce Arrow arrays over
/// the selected rows.
/// </summary>
/// <remarks>
/// <para>Buffers: every node owns its output buffers and reuses them for the next batch; a projected
/// column that is a plain column reference with no filter is handed through without a copy. Hence the
/// returned <see cref="RecordBatch"/> (and a selection span) is valid until the next call, and the
/// evaluator is used by one thread.</para>
/// <para>Allocation: nothing per row. Per batch, the Arrow wrappers of the output (one array, one array data
/// and a buffer array per column, and the record batch), a few hundred bytes; buffers grow only when a batch
/// is larger than any before.</para>
/// <para>Values that SQL cannot produce exactly become NULL and are counted in <see cref="Counters"/>.</para>
/// </remarks>
public sealed class ExpressionEvaluator
{
    private readonly Node? _filter;
    private readonly Node[] _projections;
    private readonly VectorExport[] _exports;
    private readonly EvaluationContext _filterContext;
    private readonly EvaluationContext _projectionContext;
    private int[] _selection = [];

    /// <summary>Compiles the expressions.</summary>
    /// <param name="inputSchema">Schema of the batches to evaluate.</param>
    /// <param name="projections">The output columns.</param>
    /// <param name="names">Output column names; <c>expr0</c>, <c>expr1</c>, ... when null.</param>
    /// <param name="filter">A Boolean expression; rows where it is not true are left out. Null keeps all.
    /// </param>
    /// <param name="options">Kernel options; defaults when null.</param>
    /// <exception cref="ExpressionException">An expression cannot be compiled against the schema.</exception>
    public ExpressionEvaluator(Schema inputSchema, IReadOnlyList<Expr> projections,
        IReadOnlyList<string>? names = null, Expr? filter = null, TransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(projections);
        if (names is not null && names.Count != projections.Count)
        {
            throw new ArgumentException("There must be one name per projection.", nameof(names));
        }

        var simd = (options ?? new TransformOptions()).UseSimd;
        Counters = new TransformCounters();
        _filterContext = new EvaluationContext(Counters, simd);
        _projectionContext = new EvaluationContext(Counters, simd);
        if (filter is not null)
        {
            var node = new ExpressionCompiler(inputSchema).Compile(filter);
            _filter = node.Kind == VectorKind.Boolean
                ? node
                : throw new ExpressionException($"A filter must be Boolean, not {node.Type.Name}.");
        }

        var compiler = new ExpressionCompiler(inputSchema);
        _projections = [.. projections.Select(compiler.Compile)];
        _exports = [.. _projections.Select(_ => new VectorExport())];
        OutputSchema = new Schema(
            _projections.Select((p, i) => new Field(names?[i] ?? $"expr{i}", p.Type, nullable: true)), null);
    }

    /// <summary>Schema of the projected batches.</summary>
    public Schema OutputSchema { get; }

    /// <summary>Values turned into NULL since compilation.</summary>
    public TransformCounters Counters { get; }

    /// <summary>Filters (when a filter was given) and projects a batch.</summary>
    /// <returns>The projected rows; valid until the next call.</returns>
    /// <exception cref="ExpressionException">The batch does not match the compiled schema.</exception>
    public RecordBatch Evaluate(RecordBatch batch)
    {
        if (_filter is null)
        {
            return Project(batch, null, 0);
        }

        var count = SelectInto(batch);
        return Project(batch, count == batch.Length ? null : _selection, count);
    }

    /// <summary>The rows of the batch where the filter is true (all rows without a filter).</summary>
    /// <returns>Row indexes in ascending order; valid until the next call.</returns>
    public ReadOnlySpan<int> Select(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_filter is null)
        {
            EnsureSelection(batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                _selection[i] = i;
            }

            return _selection.AsSpan(0, batch.Length);
        }

        // SelectInto may replace the array, so it runs before the array is read.
        var count = SelectInto(batch);
        return _selection.AsSpan(0, count);
    }

    /// <summary>Projects the given rows of a batch (the filter, if any, is not applied).</summary>
    /// <returns>The projected rows; valid until the next call.</returns>
    public RecordBatch Project(RecordBatch batch, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)batch.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"The batch has {batch.Length} rows.");
            }
        }

        EnsureSelection(rows.Length);
        rows.CopyTo(_selection);
        return Project(batch, _selection, rows.Length);
    }

    private int SelectInto(RecordBatch batch)
    {
        _filterContext.Begin(batch, null, 0);
        var result = _filter!.Evaluate(_filterContext);
        EnsureSelection(batch.Length);
        var bits = result.BitWords;
        var valid = result.HasNulls ? result.ValidityWords : default;
        var count = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            // NULL is not true: a row is selected only where the value is set and valid.
            var word = bits[w] & (valid.IsEmpty ? ulong.MaxValue : valid[w]);
            while (word != 0)
            {
                var row = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                if (row < batch.Length)
                {
                    _selection[count++] = row;
                }
            }
        }

        return count;
    }

    private RecordBatch Project(RecordBatch batch, int[]? selection, int count)
    {
        _projectionContext.Begin(batch, selection, count);
        var arrays = new IArrowArray[_projections.Length];
        for (var i = 0; i < _projections.Length; i++)
        {
            var node = _projections[i];
            arrays[i] = selection is null && node is ColumnNode column
                ? PassThrough(batch.Column(column.Index), node.Type)
                : _exports[i].ToArrow(node.Evaluate(_projectionContext));
        }

        return new RecordBatch(OutputSchema, arrays, _projectionContext.Length);
    }

    private static IArrowArray PassThrough(IArrowArray array, IArrowType type) =>
        ScalarReader.TypesEqual(array.Data.DataType, type)
            ? array
            : throw new ExpressionException($"A column compiled as {type.Name} holds {array.Data.DataType.Name}.");

    private void EnsureSelection(int length)
    {
        if (_selection.Length < length)
        {
            _selection = new int[Math.Max(length, _selection.Length * 2)];
        }
    }
}
