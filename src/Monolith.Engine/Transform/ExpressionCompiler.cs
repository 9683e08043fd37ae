using Apache.Arrow;
using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Nodes;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform;

/// <summary>
/// Turns resolved expressions into kernel nodes for one input schema: checks column references and
/// argument types, brings mixed operands to one type the way MySQL does (integers and decimals meet as
/// decimals, anything and a double as doubles, a text literal against a number or date as that type), folds
/// casts of literals, and shares a sub-expression that appears twice (by reference).
/// </summary>
internal sealed partial class ExpressionCompiler
{
    private static readonly RecordBatch s_oneRow = new(new Schema([], null), [], 1);

    private readonly Schema _schema;
    private readonly Dictionary<Expr, Node> _compiled = new(ReferenceEqualityComparer.Instance);

    public ExpressionCompiler(Schema schema) => _schema = schema;

    public Node Compile(Expr expression)
    {
        if (_compiled.TryGetValue(expression, out var existing))
        {
            return existing;
        }

        var node = expression switch
        {
            ColumnExpr column => CompileColumn(column),
            LiteralExpr literal => new LiteralNode(ScalarValue.FromLiteral(literal.Value, literal.LiteralType)),
            CastExpr cast => Cast(Compile(cast.Input), cast.TargetType),
            IsNullExpr isNull => new IsNullNode(Compile(isNull.Input), isNull.Negated),
            InListExpr inList => CompileInList(inList),
            LikeExpr like => CompileLike(like),
            ExtractExpr extract => CompileExtract(extract),
            DateAddExpr add => CompileDateAdd(add),
            DateDiffExpr diff => new DateDiffNode(diff.Unit, Temporal(diff.Start, "TIMESTAMPDIFF"),
                Temporal(diff.End, "TIMESTAMPDIFF")),
            CaseExpr caseExpr => CompileCase(caseExpr),
            CallExpr call => CompileCall(call),
            _ => throw new ExpressionException($"Expression node {expression.GetType().Name} is not supported."),
        };
        _compiled[expression] = node;
        return node;
    }

    /// <summary>Converts a node to a type; a constant is converted once, here.</summary>
    public Node Cast(Node node, IArrowType type)
    {
        if (ScalarReader.TypesEqual(node.Type, type))
        {
            return node;
        }

        var cast = new CastNode(node, type);
        return node is LiteralNode ? Fold(cast) : cast;
    }

    private static LiteralNode Fold(Node node)
    {
        var context = new EvaluationContext(new TransformCounters(), simd: false);
        context.Begin(s_oneRow, null, 0);
        return new LiteralNode(ScalarReader.Read(node.Evaluate(context), 0));
    }

    private ColumnNode CompileColumn(ColumnExpr column)
    {
        if ((uint)column.Index >= (uint)_schema.FieldsList.Count)
        {
            throw new ExpressionException(
                $"Column {column.Index} is referenced, but the input has {_schema.FieldsList.Count} columns.");
        }

        var field = _schema.FieldsList[column.Index];
        if (!ScalarReader.TypesEqual(field.DataType, column.ColumnType))
        {
            throw new ExpressionException(
                $"Column {column.Index} ('{field.Name}') is {field.DataType.Name}, not {column.ColumnType.Name}.");
        }

        Vector.KindOf(field.DataType);
        return new ColumnNode(column.Index, field.DataType);
    }

    private InListNode CompileInList(InListExpr inList)
    {
        var input = Compile(inList.Input);
        if (input.Kind is VectorKind.Decimal256 or VectorKind.Boolean)
        {
            throw new ExpressionException($"IN over {input.Type.Name} is not supported; cast the value first.");
        }

        var constants = new List<LiteralNode>();
        foreach (var literal in inList.Values)
        {
            constants.Add(Compile(literal) as LiteralNode ?? throw new ExpressionException("IN takes constants only."));
        }

        // The input and the constants meet in their common type, so 1.5 never equals an integer column.
        var common = CommonType([input, .. constants], "IN");
        input = Cast(input, common);
        var values = constants.Select(c => ((LiteralNode)Cast(c, common)).Value).ToList();
        return new InListNode(input, values, inList.Negated);
    }

    private LikeNode CompileLike(LikeExpr like)
    {
        var input = Compile(like.Input);
        if (input.Kind != VectorKind.Bytes)
        {
            input = Cast(input, StringType.Default);
        }

        return new LikeNode(input, new LikeMatcher(like.Pattern, like.Escape), like.Negated);
    }

    private ExtractNode CompileExtract(ExtractExpr extract)
    {
        var input = Compile(extract.Input);
        if (input.Type.TypeId is not (ArrowTypeId.Timestamp or ArrowTypeId.Date32 or ArrowTypeId.Duration))
        {
            throw new ExpressionException(
                $"EXTRACT({extract.Field}) needs a date, time or timestamp, not {input.Type.Name}.");
        }

        return new ExtractNode(extract.Field, input);
    }

    private DateAddNode CompileDateAdd(DateAddExpr add)
    {
        var input = Temporal(add.Input, "date arithmetic");
        var amount = Cast(Compile(add.Amount), Int64Type.Default);
        var dayOrLarger = add.Unit is IntervalPart.Day or IntervalPart.Week or IntervalPart.Month
            or IntervalPart.Quarter or IntervalPart.Year;
        IArrowType type = input.Type.TypeId == ArrowTypeId.Date32
            ? dayOrLarger ? Date32Type.Default : new TimestampType(TimeUnit.Microsecond, (string?)null)
            : input.Type;
        return new DateAddNode(input, amount, add.Unit, type);
    }

    private Node Temporal(Expr expression, string what)
    {
        var node = Compile(expression);
        if (node.Type.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32)
        {
            return node;
        }

        if (node.Type.TypeId == ArrowTypeId.String)
        {
            return Cast(node, new TimestampType(TimeUnit.Microsecond, (string?)null));
        }

        throw new ExpressionException($"The {what} operand must be a date or timestamp, not {node.Type.Name}.");
    }

    private CaseNode CompileCase(CaseExpr caseExpr)
    {
        if (caseExpr.Branches.Count == 0)
        {
            throw new ExpressionException("CASE needs at least one WHEN branch.");
        }

        var conditions = caseExpr.Branches.Select(b => Condition(Compile(b.When), "CASE WHEN")).ToArray();
        var values = caseExpr.Branches.Select(b => Cast(Compile(b.Then), caseExpr.ResultType)).ToArray();
        var otherwise = caseExpr.Else is null ? null : Cast(Compile(caseExpr.Else), caseExpr.ResultType);
        return new CaseNode(conditions, values, otherwise, caseExpr.ResultType);
    }

    /// <summary>A Boolean operand; numbers count as true when not zero, as in MySQL.</summary>
    private Node Condition(Node node, string where) =>
        node.Kind == VectorKind.Boolean
            ? node
            : CastNode.Supports(node.Type, BooleanType.Default)
                ? Cast(node, BooleanType.Default)
                : throw new ExpressionException($"{where} needs a Boolean condition, not {node.Type.Name}.");
}
