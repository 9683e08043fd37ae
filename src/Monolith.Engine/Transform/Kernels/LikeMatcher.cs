using System.Text;

namespace Monolith.Engine.Transform.Kernels;

/// <summary>
/// A LIKE pattern compiled once into segments between <c>%</c> wildcards, each a run of literal bytes and
/// <c>_</c> placeholders (one UTF-8 code point each). Patterns of one literal segment get the fast paths
/// (equality, prefix, suffix, contains, all vectorised by the runtime's span search); others match the first
/// segment at the start, the last at the end and each middle one at its leftmost position, which is optimal
/// because a <c>%</c> between segments absorbs any gap.
/// </summary>
internal sealed class LikeMatcher
{
    private readonly Segment[] _segments;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly Shape _shape;
    private readonly byte[] _literal;

    public LikeMatcher(string pattern, char? escape)
    {
        var segments = new List<Segment>();
        var pieces = new List<Piece>();
        var literal = new List<byte>();
        Span<byte> encoded = stackalloc byte[4];
        var escaped = false;
        var startsWithPercent = false;
        var endsWithPercent = false;
        var first = true;
        foreach (var rune in pattern.EnumerateRunes())
        {
            if (escaped)
            {
                escaped = false;
                literal.AddRange(encoded[..rune.EncodeToUtf8(encoded)].ToArray());
            }
            else if (escape is { } e && rune.Value == e)
            {
                escaped = true;
            }
            else if (rune.Value == '%')
            {
                startsWithPercent |= first;
                FlushLiteral(literal, pieces);
                if (pieces.Count > 0)
                {
                    segments.Add(new Segment([.. pieces]));
                    pieces.Clear();
                }

                endsWithPercent = true;
                first = false;
                continue;
            }
            else if (rune.Value == '_')
            {
                FlushLiteral(literal, pieces);
                pieces.Add(Piece.AnyCharacter);
            }
            else
            {
                literal.AddRange(encoded[..rune.EncodeToUtf8(encoded)].ToArray());
            }

            first = false;
            endsWithPercent = false;
        }

        if (escaped)
        {
            // A trailing escape character stands for itself, as in MySQL.
            literal.AddRange(Encoding.UTF8.GetBytes(escape!.Value.ToString()));
            endsWithPercent = false;
        }

        FlushLiteral(literal, pieces);
        if (pieces.Count > 0)
        {
            segments.Add(new Segment([.. pieces]));
        }

        _segments = [.. segments];
        _anchoredStart = !startsWithPercent;
        _anchoredEnd = !endsWithPercent;
        _literal = _segments.Length == 1 && _segments[0].Literal is { } only ? only : [];
        _shape = Classify();
    }

    private enum Shape
    {
        MatchAll,
        Exact,
        Prefix,
        Suffix,
        Contains,
        General,
    }

    public bool IsMatch(ReadOnlySpan<byte> text) => _shape switch
    {
        Shape.MatchAll => true,
        Shape.Exact => text.SequenceEqual(_literal),
        Shape.Prefix => text.StartsWith(_literal),
        Shape.Suffix => text.EndsWith(_literal),
        Shape.Contains => text.IndexOf(_literal) >= 0,
        _ => MatchGeneral(text),
    };

    private Shape Classify()
    {
        if (_segments.Length == 0)
        {
            // "" matches only the empty string; "%" (and "%%") anything.
            return _anchoredStart && _anchoredEnd ? Shape.Exact : Shape.MatchAll;
        }

        if (_segments.Length == 1 && _segments[0].Literal is not null)
        {
            return (_anchoredStart, _anchoredEnd) switch
            {
                (true, true) => Shape.Exact,
                (true, false) => Shape.Prefix,
                (false, true) => Shape.Suffix,
                _ => Shape.Contains,
            };
        }

        return Shape.General;
    }

    private bool MatchGeneral(ReadOnlySpan<byte> text)
    {
        var position = 0;
        var firstFree = 0;
        var lastFree = _segments.Length;
        if (_anchoredStart)
        {
            var consumed = _segments[0].MatchAt(text, 0);
            if (consumed < 0)
            {
                return false;
            }

            position = consumed;
            firstFree = 1;
            if (_segments.Length == 1 && _anchoredEnd)
            {
                return consumed == text.Length;
            }
        }

        if (_anchoredEnd)
        {
            lastFree--;
        }

        for (var s = firstFree; s < lastFree; s++)
        {
            var found = _segments[s].FindLeftmost(text, position, out var consumed);
            if (found < 0)
            {
                return false;
            }

            position = found + consumed;
        }

        return !_anchoredEnd || _segments[^1].MatchesEnding(text, position);
    }

    private static void FlushLiteral(List<byte> literal, List<Piece> pieces)
    {
        if (literal.Count > 0)
        {
            pieces.Add(new Piece([.. literal]));
            literal.Clear();
        }
    }

    /// <summary>Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for stray bytes).</summary>
    private static int SequenceLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    private sealed class Piece
    {
        public static readonly Piece AnyCharacter = new(null);

        public Piece(byte[]? bytes) => Bytes = bytes;

        /// <summary>The literal bytes, or null for <c>_</c>.</summary>
        public byte[]? Bytes { get; }
    }

    private sealed class Segment
    {
        private readonly Piece[] _pieces;

        public Segment(Piece[] pieces)
        {
            _pieces = pieces;
            Literal = pieces.Length == 1 ? pieces[0].Bytes : null;
        }

        /// <summary>The bytes when the segment has no <c>_</c>.</summary>
        public byte[]? Literal { get; }

        /// <summary>Bytes consumed when the segment matches at <paramref name="start"/>, else -1.</summary>
        public int MatchAt(ReadOnlySpan<byte> text, int start)
        {
            var position = start;
            foreach (var piece in _pieces)
            {
                if (piece.Bytes is { } bytes)
                {
                    if (!text[position..].StartsWith(bytes))
                    {
                        return -1;
                    }

                    position += bytes.Length;
                }
                else
                {
                    if (position >= text.Length)
                    {
                        return -1;
                    }

                    position = Math.Min(text.Length, position + SequenceLength(text[position]));
                }
            }

            return position - start;
        }

        /// <summary>The leftmost start at or after <paramref name="from"/> where the segment matches.</summary>
        public int FindLeftmost(ReadOnlySpan<byte> text, int from, out int consumed)
        {
            if (Literal is { } literal)
            {
                var index = text[from..].IndexOf(literal);
                consumed = literal.Length;
                return index < 0 ? -1 : from + index;
            }

            for (var start = from; start <= text.Length; start += start < text.Length ? SequenceLength(text[start]) : 1)
            {
                consumed = MatchAt(text, start);
                if (consumed >= 0)
                {
                    return start;
                }
            }

            consumed = 0;
            return -1;
        }

        /// <summary>Whether the segment matches a suffix of the text starting at or after
        /// <paramref name="from"/>.</summary>
        public bool MatchesEnding(ReadOnlySpan<byte> text, int from)
        {
            if (Literal is { } literal)
            {
                return text.Length - literal.Length >= from && text.EndsWith(literal);
            }

            for (var start = from; start <= text.Length; start += start < text.Length ? SequenceLength(text[start]) : 1)
            {
                if (MatchAt(text, start) == text.Length - start)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
