namespace Monolith.Engine.Transform.Vectors;

/// <summary>Combines the validity of a kernel's inputs into its output: NULL in, NULL out.</summary>
internal static class Validity
{
    /// <summary>The output is valid where <paramref name="input"/> is.</summary>
    public static void From(Vector output, Vector input)
    {
        if (input.HasNulls)
        {
            output.StartValidityFrom(input.ValidityWords);
        }
        else
        {
            output.ClearValidity();
        }
    }

    /// <summary>The output is valid where both inputs are.</summary>
    public static void FromBoth(Vector output, Vector left, Vector right, bool simd)
    {
        if (!left.HasNulls)
        {
            From(output, right);
        }
        else if (!right.HasNulls)
        {
            From(output, left);
        }
        else
        {
            var words = output.StartValidity();
            Bitmaps.And(left.ValidityWords, right.ValidityWords, words, simd);
        }
    }

    /// <summary>The output is valid where every input is.</summary>
    public static void FromAll(Vector output, IReadOnlyList<Vector> inputs, bool simd)
    {
        Span<ulong> words = default;
        var started = false;
        foreach (var input in inputs)
        {
            if (!input.HasNulls)
            {
                continue;
            }

            if (!started)
            {
                words = output.StartValidityFrom(input.ValidityWords);
                started = true;
            }
            else
            {
                Bitmaps.And(words, input.ValidityWords, words, simd);
            }
        }

        if (!started)
        {
            output.ClearValidity();
        }
    }

    /// <summary>Makes row <paramref name="index"/> NULL, creating the bitmap on first use.</summary>
    public static void SetNull(Vector output, ref Span<ulong> words, int index)
    {
        if (words.IsEmpty)
        {
            words = output.StartValidity();
        }

        words[index >> 6] &= ~(1UL << index);
    }
}
