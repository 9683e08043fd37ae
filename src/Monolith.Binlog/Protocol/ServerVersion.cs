using System.Globalization;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// A server's version as its handshake announces it. MariaDB 10 and 11 prefix the text with <c>5.5.5-</c> so
/// that old MySQL replicas do not refuse a major version above 5; the real version follows the prefix.
/// </summary>
public sealed record ServerVersion(ServerFlavor Flavor, int Major, int Minor, int Patch, string Text)
{
    private const string MariaDbCompatibilityPrefix = "5.5.5-";

    /// <summary>Whether this version is at least major.minor.patch.</summary>
    public bool IsAtLeast(int major, int minor = 0, int patch = 0) =>
        (Major, Minor, Patch).CompareTo((major, minor, patch)) >= 0;

    /// <summary>
    /// Parses the version text of a handshake: <c>8.4.2</c>, <c>5.5.5-10.11.19-MariaDB-0+deb12u1</c>.
    /// </summary>
    /// <exception cref="BinlogProtocolException">No version number at the start of the text.</exception>
    public static ServerVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var isMariaDb = text.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var numbers = isMariaDb && text.StartsWith(MariaDbCompatibilityPrefix, StringComparison.Ordinal)
            ? text[MariaDbCompatibilityPrefix.Length..]
            : text;

        Span<int> parts = stackalloc int[3];
        var index = 0;
        var position = 0;
        while (index < 3)
        {
            var start = position;
            while (position < numbers.Length && char.IsAsciiDigit(numbers[position]))
            {
                position++;
            }

            if (position == start || !int.TryParse(numbers.AsSpan(start, position - start), NumberStyles.None,
                    CultureInfo.InvariantCulture, out parts[index]))
            {
                break;
            }

            index++;
            if (position >= numbers.Length || numbers[position] != '.')
            {
                break;
            }

            position++;
        }

        if (index < 2)
        {
            throw new BinlogProtocolException(
                $"The server announced the version '{text}', which does not start with major.minor numbers.");
        }

        return new ServerVersion(isMariaDb ? ServerFlavor.MariaDb : ServerFlavor.MySql, parts[0], parts[1],
            index == 3 ? parts[2] : 0, text);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Flavor == ServerFlavor.MariaDb ? "MariaDB" : "MySQL")} {Major}.{Minor}.{Patch}";
}
