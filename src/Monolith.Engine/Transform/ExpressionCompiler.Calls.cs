using Apache.Arrow.Types;
using Monolith.Engine.Transform.Expressions;
using Monolith.Engine.Transform.Kernels;
using Monolith.Engine.Transform.Nodes;
using Monolith.Engine.Transform.Vectors;

namespace Monolith.Engine.Transform;

/// <summary>Function and operator calls.</summary>
internal sealed partial class ExpressionCompiler
{
    private Node CompileCall(CallExpr call)
    {
        var name = call.Function.ToString().ToUpperInvariant();
        Node node = call.Function switch
        {
            ScalarFunction.Equal or ScalarFunction.NotEqual or ScalarFunction.Less or ScalarFunction.LessOrEqual
                or ScalarFunction.Greater or ScalarFunction.GreaterOrEqual =>
                Comparison(call.Function, Argument(call, 0, 2), Argument(call, 1, 2), name),
            ScalarFunction.Between => Between(call, name),
            ScalarFunction.And or ScalarFunction.Or => Logic(call, name),
            ScalarFunction.Not => new NotNode(Condition(Argument(call, 0, 1), name)),
            ScalarFunction.Add or ScalarFunction.Subtract or ScalarFunction.Multiply or ScalarFunction.Divide
                or ScalarFunction.IntegerDivide or ScalarFunction.Modulo =>
                Arithmetic(call.Function, Argument(call, 0, 2), Argument(call, 1, 2), name),
            ScalarFunction.Negate => Negate(Argument(call, 0, 1), name),
            ScalarFunction.Coalesce => Coalesce(call, name),
            ScalarFunction.NullIf => NullIf(call, name),
            ScalarFunction.Lower or ScalarFunction.Upper or ScalarFunction.Trim or ScalarFunction.TrimStart
                or ScalarFunction.TrimEnd =>
                new StringNode(call.Function, [Text(Argument(call, 0, 1))], StringType.Default),
            ScalarFunction.Length or ScalarFunction.CharLength =>
                new StringNode(call.Function, [Text(Argument(call, 0, 1))], Int64Type.Default),
            ScalarFunction.Concat => Concat(call, name),
            ScalarFunction.Substring => Substring(call, name),
            ScalarFunction.Replace => new StringNode(call.Function,
                [Text(Argument(call, 0, 3)), Text(Argument(call, 1, 3)), Text(Argument(call, 2, 3))],
                StringType.Default),
            ScalarFunction.JsonValue or ScalarFunction.JsonExtract => Json(call, name),
            _ => throw new ExpressionException($"Function {name} is not supported."),
        };
        return call.ResultType is null ? node : Cast(node, call.ResultType);
    }

    private Node Argument(CallExpr call, int index, int arity)
    {
        if (call.Arguments.Count != arity)
        {
            throw new ExpressionException(
                $"{call.Function} takes {arity} arguments, not {call.Arguments.Count}.");
        }

        return Compile(call.Arguments[index]);
    }

    private Node Text(Node node) => node.Kind == VectorKind.Bytes ? node : Cast(node, StringType.Default);

    private CompareNode Comparison(ScalarFunction function, Node left, Node right, string where)
    {
        (left, right) = Unify(left, right, where);
        if (left is LiteralNode && right is not LiteralNode)
        {
            // Keep the constant on the right, where the kernels read it without materialising it.
            (left, right) = (right, left);
            function = function switch
            {
                ScalarFunction.Less => ScalarFunction.Greater,
                ScalarFunction.LessOrEqual => ScalarFunction.GreaterOrEqual,
                ScalarFunction.Greater => ScalarFunction.Less,
                ScalarFunction.GreaterOrEqual => ScalarFunction.LessOrEqual,
                _ => function,
            };
        }

        return new CompareNode(function, left, right);
    }

    private LogicNode Between(CallExpr call, string where)
    {
        var input = Argument(call, 0, 3);
        var low = Comparison(ScalarFunction.GreaterOrEqual, input, Argument(call, 1, 3), where);
        var high = Comparison(ScalarFunction.LessOrEqual, input, Argument(call, 2, 3), where);
        return new LogicNode(isAnd: true, [low, high]);
    }

    private LogicNode Logic(CallExpr call, string where)
    {
        if (call.Arguments.Count < 2)
        {
            throw new ExpressionException($"{where} takes at least two arguments.");
        }

        var operands = call.Arguments.Select(a => Condition(Compile(a), where)).ToArray();
        return new LogicNode(call.Function == ScalarFunction.And, operands);
    }

    private ArithmeticNode Arithmetic(ScalarFunction function, Node left, Node right, string where)
    {
        var l = left.Type;
        var r = right.Type;
        if (!IsNumeric(l) || !IsNumeric(r))
        {
            // Text in arithmetic is read as a number, as MySQL does.
            if (l.TypeId == ArrowTypeId.String || r.TypeId == ArrowTypeId.String)
            {
                return Arithmetic(function, l.TypeId == ArrowTypeId.String ? Cast(left, DoubleType.Default) : left,
                    r.TypeId == ArrowTypeId.String ? Cast(right, DoubleType.Default) : right, where);
            }

            throw new ExpressionException($"{where} needs numbers, not {l.Name} and {r.Name}.");
        }

        if (l.TypeId == ArrowTypeId.Double || r.TypeId == ArrowTypeId.Double)
        {
            if (function == ScalarFunction.IntegerDivide)
            {
                throw new ExpressionException($"{where} over DOUBLE is not supported; cast to DECIMAL first.");
            }

            return new ArithmeticNode(function, Cast(left, DoubleType.Default), Cast(right, DoubleType.Default),
                DoubleType.Default);
        }

        var bothIntegers = l.TypeId != ArrowTypeId.Decimal128 && r.TypeId != ArrowTypeId.Decimal128;
        if (bothIntegers && function != ScalarFunction.Divide)
        {
            var integer = l.TypeId == r.TypeId && l.TypeId is not (ArrowTypeId.Boolean or ArrowTypeId.Int8) ? l : null;
            if (integer is null && l.TypeId != ArrowTypeId.UInt64 && r.TypeId != ArrowTypeId.UInt64)
            {
                integer = Int64Type.Default;
            }

            if (integer is not null)
            {
                var result = function == ScalarFunction.IntegerDivide ? Int64Type.Default : integer;
                return new ArithmeticNode(function, Cast(left, integer), Cast(right, integer), result);
            }
        }

        var a = (Decimal128Type)AsDecimal(l);
        var b = (Decimal128Type)AsDecimal(r);
        IArrowType type = function switch
        {
            ScalarFunction.Add or ScalarFunction.Subtract => AddType(a, b),
            ScalarFunction.Multiply => MultiplyType(a, b, where),
            ScalarFunction.Divide => DivideType(a, b),
            ScalarFunction.IntegerDivide => Int64Type.Default,
            _ => WiderDecimal(a, b),
        };
        return new ArithmeticNode(function, Cast(left, a), Cast(right, b), type);
    }

    private NegateNode Negate(Node operand, string where)
    {
        var type = operand.Type.TypeId switch
        {
            ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Decimal128 => operand.Type,
            ArrowTypeId.UInt64 => s_unsignedAsDecimal,
            ArrowTypeId.Boolean or ArrowTypeId.Int8 => Int64Type.Default,
            _ => throw new ExpressionException($"{where} needs a number, not {operand.Type.Name}."),
        };
        return new NegateNode(Cast(operand, type), type);
    }

    private CoalesceNode Coalesce(CallExpr call, string where)
    {
        if (call.Arguments.Count == 0)
        {
            throw new ExpressionException($"{where} needs at least one argument.");
        }

        var arguments = call.Arguments.Select(Compile).ToArray();
        var type = call.ResultType ?? ResultType(call.Arguments, where);
        return new CoalesceNode([.. arguments.Select(a => Cast(a, type))], type);
    }

    private CaseNode NullIf(CallExpr call, string where)
    {
        var value = Argument(call, 0, 2);
        var equal = Comparison(ScalarFunction.Equal, value, Argument(call, 1, 2), where);
        return new CaseNode([equal], [new LiteralNode(ScalarValue.Null(value.Type))], value, value.Type);
    }

    private StringNode Concat(CallExpr call, string where)
    {
        if (call.Arguments.Count == 0)
        {
            throw new ExpressionException($"{where} needs at least one argument.");
        }

        return new StringNode(ScalarFunction.Concat, [.. call.Arguments.Select(a => Text(Compile(a)))],
            StringType.Default);
    }

    private StringNode Substring(CallExpr call, string where)
    {
        if (call.Arguments.Count is not (2 or 3))
        {
            throw new ExpressionException($"{where} takes 2 or 3 arguments, not {call.Arguments.Count}.");
        }

        var arguments = new Node[call.Arguments.Count];
        arguments[0] = Text(Compile(call.Arguments[0]));
        for (var i = 1; i < arguments.Length; i++)
        {
            arguments[i] = Cast(Compile(call.Arguments[i]), Int64Type.Default);
        }

        return new StringNode(ScalarFunction.Substring, arguments, StringType.Default);
    }

    private JsonNode Json(CallExpr call, string where)
    {
        var input = Text(Argument(call, 0, 2));
        if (Compile(call.Arguments[1]) is not LiteralNode { Value: { IsNull: false, Kind: VectorKind.Bytes } path })
        {
            throw new ExpressionException($"{where} takes a constant text path as its second argument.");
        }

        return new JsonNode(input, JsonPath.Parse(System.Text.Encoding.UTF8.GetString(path.Bytes)),
            call.Function == ScalarFunction.JsonExtract);
    }
}
