namespace Monolith.Cli;

/// <summary>
/// A small parser for this program's command lines: positional words, <c>--name value</c> and
/// <c>--name=value</c> options, and <c>--Section:Key=value</c> configuration overrides, which are passed on
/// to the configuration unchanged.
/// </summary>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    private CommandLineArguments()
    {
    }

    public List<string> Positional { get; } = [];

    /// <summary>Arguments of the form <c>--Section:Key=value</c> or <c>--Section:Key value</c>.</summary>
    public List<string> ConfigurationOverrides { get; } = [];

    /// <summary>Parses arguments; <paramref name="flags"/> name options that take no value.</summary>
    /// <exception cref="UsageException">An option that needs a value has none.</exception>
    public static CommandLineArguments Parse(IReadOnlyList<string> args, params string[] flags)
    {
        var parsed = new CommandLineArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var body = arg[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? body : body[..equals];
            string? value = equals < 0 ? null : body[(equals + 1)..];
            if (name.Contains(':', StringComparison.Ordinal))
            {
                if (value is null)
                {
                    value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value.");
                }

                parsed.ConfigurationOverrides.Add($"--{name}={value}");
                continue;
            }

            if (value is null && !flags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                value = i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value.");
            }

            parsed._options[name] = value;
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public string Get(string name, string defaultValue) => Get(name) ?? defaultValue;

    /// <exception cref="UsageException">The value is not a whole number.</exception>
    public long GetInt64(string name, long defaultValue)
    {
        var text = Get(name);
        if (text is null)
        {
            return defaultValue;
        }

        return long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a whole number, not '{text}'.");
    }

    /// <exception cref="UsageException">The value is not a number.</exception>
    public double GetDouble(string name, double defaultValue)
    {
        var text = Get(name);
        if (text is null)
        {
            return defaultValue;
        }

        return double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a number, not '{text}'.");
    }

    /// <summary>Names of options given that are not in <paramref name="known"/>.</summary>
    public IEnumerable<string> Unknown(params string[] known) =>
        _options.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase));

    /// <exception cref="UsageException">An option is not one of <paramref name="known"/>.</exception>
    public void RejectUnknown(params string[] known)
    {
        var unknown = Unknown(known).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option --{unknown[0]}.");
        }
    }
}

/// <summary>A command line that does not make sense; the message says why, and the usage is printed.</summary>
internal sealed class UsageException(string message) : Exception(message);
