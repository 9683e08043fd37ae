using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Nodes;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform;

/// <summary>Type rules: the common type of two operands and the result types of arithmetic.</summary>
internal sealed partial class ExpressionCompiler
{
    private static readonly Decimal128Type s_bigintAsDecimal = new(19, 0);
    private static readonly Decimal128Type s_unsignedAsDecimal = new(20, 0);

    private static bool IsNumeric(IArrowType type) =>
        type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.UInt64 or ArrowTypeId.Double or ArrowTypeId.Decimal128
            or ArrowTypeId.Boolean or ArrowTypeId.Int8;

    private static bool IsTemporal(IArrowType type) =>
        type.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32 or ArrowTypeId.Duration;

    /// <summary>An integer or Boolean as the decimal that holds it exactly; decimals unchanged.</summary>
    private static IArrowType AsDecimal(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.UInt64 => s_unsignedAsDecimal,
        ArrowTypeId.Decimal128 => type,
        _ => s_bigintAsDecimal,
    };

    /// <summary>
    /// Brings two operands to one kind for comparison, CASE values and COALESCE. Decimals keep their own
    /// scales (the kernels align them); everything else meets in a single type.
    /// </summary>
    private (Node Left, Node Right) Unify(Node left, Node right, string where)
    {
        var l = left.Type;
        var r = right.Type;
        if (ScalarReader.TypesEqual(l, r) || (left.Kind == right.Kind && left.Kind is VectorKind.Decimal128
            or VectorKind.Bytes || (l.TypeId == r.TypeId && l.TypeId == ArrowTypeId.Timestamp)))
        {
            return (left, right);
        }

        if (IsNumeric(l) && IsNumeric(r))
        {
            // Int8 (the change weight) meets other numbers as a BIGINT.
            if (l.TypeId == ArrowTypeId.Int8 || r.TypeId == ArrowTypeId.Int8)
            {
                return Unify(l.TypeId == ArrowTypeId.Int8 ? Cast(left, Int64Type.Default) : left,
                    r.TypeId == ArrowTypeId.Int8 ? Cast(right, Int64Type.Default) : right, where);
            }

            if (l.TypeId == ArrowTypeId.Double || r.TypeId == ArrowTypeId.Double)
            {
                return (Cast(left, DoubleType.Default), Cast(right, DoubleType.Default));
            }

            if (l.TypeId == ArrowTypeId.Decimal128 || r.TypeId == ArrowTypeId.Decimal128
                || l.TypeId != r.TypeId && l.TypeId != ArrowTypeId.Boolean && r.TypeId != ArrowTypeId.Boolean)
            {
                return (Cast(left, AsDecimal(l)), Cast(right, AsDecimal(r)));
            }

            var integer = l.TypeId == ArrowTypeId.Boolean ? r : l;
            return (Cast(left, integer.TypeId == ArrowTypeId.Boolean ? Int64Type.Default : integer),
                Cast(right, integer.TypeId == ArrowTypeId.Boolean ? Int64Type.Default : integer));
        }

        if (left.Kind == VectorKind.Decimal256 || right.Kind == VectorKind.Decimal256)
        {
            var wide = left.Kind == VectorKind.Decimal256 ? l : r;
            return (Cast(left, wide), Cast(right, wide));
        }

        if (l.TypeId == ArrowTypeId.Date32 && r.TypeId == ArrowTypeId.Timestamp)
        {
            return (Cast(left, r), right);
        }

        if (r.TypeId == ArrowTypeId.Date32 && l.TypeId == ArrowTypeId.Timestamp)
        {
            return (left, Cast(right, l));
        }

        // Text meets a number or a date as that type (a literal is converted once).
        if (left.Kind == VectorKind.Bytes && (IsNumeric(r) || IsTemporal(r)))
        {
            // A text column against a decimal compares as doubles, as MySQL does; a text literal takes the type.
            var asDouble = r.TypeId == ArrowTypeId.Decimal128 && left is not LiteralNode;
            return (Cast(left, asDouble ? DoubleType.Default : r), asDouble ? Cast(right, DoubleType.Default) : right);
        }

        if (right.Kind == VectorKind.Bytes && (IsNumeric(l) || IsTemporal(l)))
        {
            var (newRight, newLeft) = Unify(right, left, where);
            return (newLeft, newRight);
        }

        throw new ExpressionException($"{where}: {l.Name} and {r.Name} cannot be compared or combined.");
    }

    /// <summary>The common type of several values (CASE, COALESCE), by pairwise unification.</summary>
    private IArrowType CommonType(IReadOnlyList<Node> nodes, string where)
    {
        var type = nodes[0].Type;
        for (var i = 1; i < nodes.Count; i++)
        {
            if (nodes[i] is LiteralNode { Value.IsNull: true })
            {
                continue;
            }

            if (nodes[0] is LiteralNode { Value.IsNull: true } && i == 1)
            {
                type = nodes[i].Type;
                continue;
            }

            var probe = Unify(new LiteralNode(ScalarValue.Null(type)), nodes[i], where);
            type = WiderDecimal(probe.Left.Type, probe.Right.Type);
        }

        return type;
    }

    /// <summary>
    /// The type of a value chosen from several (CASE, COALESCE), as MySQL aggregates result types: text when any
    /// value is text (binary when one is binary), DOUBLE when any is a DOUBLE, else the decimal wide enough for
    /// every integer and decimal among them (one integer type stays itself); dates and timestamps meet as the
    /// timestamp. NULL literals take part only when nothing else does.
    /// </summary>
    /// <exception cref="ExpressionException">Temporal values meet numbers or Booleans meet text.</exception>
    public IArrowType ResultType(IReadOnlyList<Expr> values, string where)
    {
        var nodes = values.Select(Compile).ToList();
        var typed = nodes.Where(n => n is not LiteralNode { Value.IsNull: true }).Select(n => n.Type).ToList();
        if (typed.Count == 0)
        {
            return nodes[0].Type;
        }

        if (typed.Any(t => t.TypeId is ArrowTypeId.String or ArrowTypeId.Binary))
        {
            return typed.Any(t => t.TypeId == ArrowTypeId.Binary) ? BinaryType.Default : StringType.Default;
        }

        if (typed.All(IsTemporal))
        {
            return typed.FirstOrDefault(t => t.TypeId == ArrowTypeId.Timestamp)
                ?? (typed.All(t => ScalarReader.TypesEqual(t, typed[0]))
                    ? typed[0]
                    : throw new ExpressionException($"{where}: {typed[0].Name} and other times cannot be combined."));
        }

        if (typed.Any(IsTemporal) || !typed.All(t => IsNumeric(t) || t.TypeId == ArrowTypeId.Decimal256))
        {
            throw new ExpressionException(
                $"{where}: {string.Join(", ", typed.Select(t => t.Name).Distinct())} cannot be combined.");
        }

        if (typed.All(t => t.TypeId == ArrowTypeId.Boolean))
        {
            return BooleanType.Default;
        }

        if (typed.Any(t => t.TypeId == ArrowTypeId.Double))
        {
            return DoubleType.Default;
        }

        if (typed.FirstOrDefault(t => t.TypeId == ArrowTypeId.Decimal256) is { } wide)
        {
            return wide;
        }

        var integers = typed.Select(t => t.TypeId is ArrowTypeId.Boolean or ArrowTypeId.Int8 ? Int64Type.Default : t)
            .ToList();
        if (integers.All(t => t.TypeId == integers[0].TypeId && t.TypeId is ArrowTypeId.Int64 or ArrowTypeId.UInt64))
        {
            return integers[0];
        }

        return integers.Select(AsDecimal).Aggregate(WiderDecimal);
    }

    private static IArrowType WiderDecimal(IArrowType left, IArrowType right)
    {
        if (left is Decimal128Type a && right is Decimal128Type b)
        {
            var scale = Math.Max(a.Scale, b.Scale);
            var integerDigits = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
            return new Decimal128Type(Math.Min(38, integerDigits + scale), scale);
        }

        return left;
    }

    private static Decimal128Type AddType(Decimal128Type a, Decimal128Type b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        var integerDigits = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale) + 1;
        return new Decimal128Type(Math.Min(38, integerDigits + scale), scale);
    }

    private static Decimal128Type MultiplyType(Decimal128Type a, Decimal128Type b, string where)
    {
        var scale = a.Scale + b.Scale;
        if (scale > 38)
        {
            throw new ExpressionException($"{where}: the product of scales {a.Scale} and {b.Scale} exceeds 38.");
        }

        return new Decimal128Type(Math.Min(38, Math.Max(scale, a.Precision + b.Precision)), scale);
    }

    /// <summary>MySQL's division: four more fractional digits than the dividend (div_precision_increment).
    /// </summary>
    private static Decimal128Type DivideType(Decimal128Type a, Decimal128Type b)
    {
        var scale = Math.Min(38, a.Scale + 4);
        var integerDigits = a.Precision - a.Scale + b.Scale;
        return new Decimal128Type(Math.Min(38, Math.Max(scale + 1, integerDigits + scale)), scale);
    }
}
