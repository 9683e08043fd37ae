using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// A comparison as a type parameter: kernels written once over <c>TOp</c> are specialised by the JIT per
/// operator, so the inner loops carry no switch.
/// </summary>
internal interface IComparisonOperator
{
    static abstract bool Test<T>(T left, T right)
        where T : INumber<T>;

    static abstract Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right);

    /// <summary>The outcome from a three-way comparison result.</summary>
    static abstract bool FromOrder(int order);
}

internal readonly struct EqualOperator : IComparisonOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Test<T>(T left, T right)
        where T : INumber<T> => left == right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right) => Vector256.Equals(left, right);

    public static bool FromOrder(int order) => order == 0;
}

internal readonly struct NotEqualOperator : IComparisonOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Test<T>(T left, T right)
        where T : INumber<T> => left != right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right) => ~Vector256.Equals(left, right);

    public static bool FromOrder(int order) => order != 0;
}

internal readonly struct LessOperator : IComparisonOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Test<T>(T left, T right)
        where T : INumber<T> => left < right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right) => Vector256.LessThan(left, right);

    public static bool FromOrder(int order) => order < 0;
}

internal readonly struct LessOrEqualOperator : IComparisonOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Test<T>(T left, T right)
        where T : INumber<T> => left <= right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right) =>
        Vector256.LessThanOrEqual(left, right);

    public static bool FromOrder(int order) => order <= 0;
}

internal readonly struct GreaterOperator : IComparisonOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Test<T>(T left, T right)
        where T : INumber<T> => left > right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right) =>
        Vector256.GreaterThan(left, right);

    public static bool FromOrder(int order) => order > 0;
}

internal readonly struct GreaterOrEqualOperator : IComparisonOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Test<T>(T left, T right)
        where T : INumber<T> => left >= right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Test<T>(Vector256<T> left, Vector256<T> right) =>
        Vector256.GreaterThanOrEqual(left, right);

    public static bool FromOrder(int order) => order >= 0;
}
