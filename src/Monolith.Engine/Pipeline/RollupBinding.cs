using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Enrichment.Joins;
using Monolith.Engine.Rollups;
using Monolith.Engine.Sql.Ast;
using Monolith.Engine.Time;
using Monolith.Engine.Transform;
using Monolith.Engine.Transform.Binding;
using Monolith.Engine.Transform.Expressions;

namespace Monolith.Engine.Pipeline;

/// <summary>
/// One rollup bound to one shape of its source table: the rollup's WHERE, time argument, dimensions and metric
/// arguments compiled into kernels over the table's change batches, producing the batch the rollup store
/// applies (<c>__time</c> bucket starts in epoch milliseconds, one column per dimension and metric argument,
/// <c>__weight</c>).
/// </summary>
/// <remarks>
/// The time argument is floored here: a DATETIME is a wall clock without zone and is bucketed as written; a
/// TIMESTAMP is an instant and is bucketed in the rollup's time zone (UTC unless configured); a DATE is the
/// wall-clock midnight it names.
/// </remarks>
public sealed class RollupBinding
{
    private readonly ExpressionEvaluator _evaluator;
    private readonly Granularity _instantGranularity;
    private readonly Granularity _wallClockGranularity;
    private readonly TimeSource _timeSource;
    private readonly Schema _outputSchema;
    private byte[] _times = [];

    private RollupBinding(RollupDefinition definition, ExpressionEvaluator evaluator, TimeSource timeSource,
        Schema outputSchema, IReadOnlyList<string> neededColumns)
    {
        Definition = definition;
        _evaluator = evaluator;
        _timeSource = timeSource;
        _outputSchema = outputSchema;
        NeededColumns = neededColumns;
        _instantGranularity = definition.Granularity;
        var g = definition.Granularity;
        _wallClockGranularity = g.Kind == GranularityKind.Period ? Granularity.Of(g.Period, null, g.Origin) : g;
    }

    /// <summary>The rollup this binding feeds.</summary>
    public RollupDefinition Definition { get; }

    /// <summary>The schema of the batches <see cref="Project"/> returns: what the rollup store receives.</summary>
    public Schema OutputSchema => _outputSchema;

    /// <summary>The source columns the rollup reads.</summary>
    public IReadOnlyList<string> NeededColumns { get; }

    /// <summary>Values the kernels could not compute exactly and made NULL (overflow, division by zero, ...).</summary>
    public TransformCounters Counters => _evaluator.Counters;

    /// <summary>Binds a rollup without joins to the columns of its source table's change batches.</summary>
    /// <exception cref="RollupDefinitionException">The rollup names an unknown column, cannot be evaluated, or
    /// joins (a join is bound by the compute stage, which captures the joined tables), with the position in its
    /// SQL.</exception>
    public static RollupBinding Create(RollupDefinition definition, Schema changeSchema)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Joins.Count > 0)
        {
            throw new RollupDefinitionException(definition.Name, definition.Sql, definition.Joins[0].Offset,
                "a rollup with JOIN is bound by the compute stage, which captures the joined tables");
        }

        return Create(definition, changeSchema, null);
    }

    /// <summary>
    /// Binds a rollup to the columns of its source table's change batches; with <paramref name="joins"/>, the
    /// batches also carry the joined columns, the rollup's names of joined columns are rewritten to them, and an
    /// INNER JOIN adds "the joined row was found" to its WHERE.
    /// </summary>
    /// <exception cref="RollupDefinitionException">The rollup names an unknown column or cannot be evaluated,
    /// with the position in its SQL.</exception>
    internal static RollupBinding Create(RollupDefinition definition, Schema changeSchema, RollupJoins? joins)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(changeSchema);
        var qualifiers = new List<string> { definition.SourceTable };
        if (definition.Source.Alias is { } alias)
        {
            qualifiers.Add(alias);
        }

        var binder = new SqlExpressionBinder(changeSchema, qualifiers);
        try
        {
            var projections = new List<Expr>();
            var names = new List<string>();
            var time = binder.Bind(Rewrite(definition.TimeArgument, joins));
            var timeSource = binder.TypeOf(time) switch
            {
                TimestampType { Timezone: null or "" } => TimeSource.WallClockMicros,
                TimestampType => TimeSource.InstantMicros,
                Date32Type => TimeSource.Days,
                var other => throw new SqlBindingException(definition.TimeArgument.Offset,
                    $"the time argument of TIME_FLOOR must be a DATETIME, TIMESTAMP or DATE, not {other.Name}"),
            };
            projections.Add(time);
            names.Add(RollupDefinition.TimeColumn);
            foreach (var dimension in definition.Dimensions)
            {
                projections.Add(binder.Bind(Rewrite(dimension.Expression, joins)));
                names.Add(dimension.Name);
            }

            foreach (var metric in definition.Metrics.Where(m => m.Argument is not null))
            {
                projections.Add(binder.Bind(Rewrite(metric.Argument!, joins)));
                names.Add(metric.Name);
            }

            var weight = changeSchema.GetFieldIndex(RollupDefinition.WeightColumn);
            projections.Add(Expr.Column(weight, Int8Type.Default));
            names.Add(RollupDefinition.WeightColumn);
            var where = definition.Where is null ? null : Rewrite(definition.Where, joins);
            if (joins?.InnerCondition() is { } found)
            {
                where = where is null
                    ? found
                    : new SqlBinaryExpression(found.Offset, SqlBinaryOperator.And, where, found);
            }

            var filter = where is null ? null : binder.Bind(where);

            var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var expression in filter is null ? projections : projections.Append(filter))
            {
                CollectColumns(expression, changeSchema, needed);
            }

            needed.Remove(RollupDefinition.WeightColumn);
            var evaluator = new ExpressionEvaluator(changeSchema, projections, names, filter);
            var fields = evaluator.OutputSchema.FieldsList.ToList();
            fields[0] = new Field(RollupDefinition.TimeColumn, Int64Type.Default, nullable: true);
            return new RollupBinding(definition, evaluator, timeSource, new Schema(fields, null), [.. needed]);
        }
        catch (SqlBindingException e)
        {
            throw e.Offset >= 0
                ? new RollupDefinitionException(definition.Name, definition.Sql, e.Offset, e.Problem, e)
                : new RollupDefinitionException(definition.Name, e.Problem);
        }
        catch (ExpressionException e)
        {
            throw new RollupDefinitionException(definition.Name, e.Message);
        }
    }

    private static SqlExpression Rewrite(SqlExpression expression, RollupJoins? joins) =>
        joins is null ? expression : joins.Rewrite(expression);

    /// <summary>
    /// Evaluates the rollup over a change batch: the rows that pass its WHERE, projected and time-bucketed. The
    /// returned batch is valid until the next call; null when no row passes.
    /// </summary>
    public RecordBatch? Project(RecordBatch changes)
    {
        var projected = _evaluator.Evaluate(changes);
        var rows = projected.Length;
        if (rows == 0)
        {
            return null;
        }

        var source = (Apache.Arrow.Array)projected.Column(0);
        if (_times.Length < rows * sizeof(long))
        {
            _times = new byte[Math.Max(rows * sizeof(long), _times.Length * 2)];
        }

        var starts = MemoryMarshal.Cast<byte, long>(_times.AsSpan(0, rows * sizeof(long)));
        switch (_timeSource)
        {
            case TimeSource.WallClockMicros:
                ToMillis(((TimestampArray)source).Values, starts);
                _wallClockGranularity.BucketStarts(starts, starts);
                break;
            case TimeSource.InstantMicros:
                ToMillis(((TimestampArray)source).Values, starts);
                _instantGranularity.BucketStarts(starts, starts);
                break;
            default:
                var days = ((Date32Array)source).Values;
                for (var i = 0; i < rows; i++)
                {
                    starts[i] = days[i] * 86_400_000L;
                }

                _wallClockGranularity.BucketStarts(starts, starts);
                break;
        }

        var time = new Int64Array(new ArrowBuffer(_times.AsMemory(0, rows * sizeof(long))),
            Validity(source), rows, source.NullCount, 0);
        var columns = new IArrowArray[projected.ColumnCount];
        columns[0] = time;
        for (var i = 1; i < columns.Length; i++)
        {
            columns[i] = projected.Column(i);
        }

        return new RecordBatch(_outputSchema, columns, rows);
    }

    private static ArrowBuffer Validity(Apache.Arrow.Array source)
    {
        if (source.NullCount == 0)
        {
            return ArrowBuffer.Empty;
        }

        if (source.Offset == 0)
        {
            return source.NullBitmapBuffer;
        }

        var bits = new byte[(source.Length + 7) / 8];
        for (var i = 0; i < source.Length; i++)
        {
            BitUtility.SetBit(bits, i, source.IsValid(i));
        }

        return new ArrowBuffer(bits);
    }

    private static void ToMillis(ReadOnlySpan<long> micros, Span<long> millis)
    {
        for (var i = 0; i < millis.Length; i++)
        {
            // Floor, not truncate: a time before 1970 belongs to the millisecond that starts before it.
            millis[i] = Math.DivRem(micros[i], 1000, out var rest) - (rest < 0 ? 1 : 0);
        }
    }

    private static void CollectColumns(Expr expression, Schema schema, HashSet<string> names)
    {
        switch (expression)
        {
            case ColumnExpr column:
                names.Add(schema.FieldsList[column.Index].Name);
                break;
            case CallExpr call:
                foreach (var argument in call.Arguments)
                {
                    CollectColumns(argument, schema, names);
                }

                break;
            case CaseExpr @case:
                foreach (var branch in @case.Branches)
                {
                    CollectColumns(branch.When, schema, names);
                    CollectColumns(branch.Then, schema, names);
                }

                if (@case.Else is not null)
                {
                    CollectColumns(@case.Else, schema, names);
                }

                break;
            case CastExpr cast:
                CollectColumns(cast.Input, schema, names);
                break;
            case InListExpr list:
                CollectColumns(list.Input, schema, names);
                break;
            case LikeExpr like:
                CollectColumns(like.Input, schema, names);
                break;
            case IsNullExpr isNull:
                CollectColumns(isNull.Input, schema, names);
                break;
            case ExtractExpr extract:
                CollectColumns(extract.Input, schema, names);
                break;
            case DateAddExpr add:
                CollectColumns(add.Input, schema, names);
                CollectColumns(add.Amount, schema, names);
                break;
            case DateDiffExpr diff:
                CollectColumns(diff.Start, schema, names);
                CollectColumns(diff.End, schema, names);
                break;
        }
    }

    private enum TimeSource : byte
    {
        WallClockMicros,
        InstantMicros,
        Days,
    }
}
