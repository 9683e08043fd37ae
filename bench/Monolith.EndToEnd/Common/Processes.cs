using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Monolith.EndToEnd;

/// <summary>Child processes of the harnesses: the entry script, the monolith executable, peers.</summary>
internal static partial class Processes
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monolith.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder holding Monolith.sln).");
    });

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The monolith executable built beside this harness (it references the project).</summary>
    public static string MonolithDll => Path.Combine(AppContext.BaseDirectory, "monolith.dll");

    /// <summary>Runs <c>dotnet monolith.dll ARGS</c> and returns its standard output.</summary>
    public static Task<string> RunMonolithAsync(IEnumerable<string> arguments) =>
        RunAsync("dotnet", [MonolithDll, .. arguments]);

    /// <summary>Runs a program to completion; a non-zero exit raises with its standard error.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>The first number on the report line that starts with <paramref name="label"/>.</summary>
    public static long Figure(string report, string label)
    {
        foreach (var line in report.Split('\n'))
        {
            if (line.StartsWith(label, StringComparison.Ordinal))
            {
                var match = Number().Match(line[label.Length..]);
                if (match.Success)
                {
                    return long.Parse(match.Value.Replace(",", "", StringComparison.Ordinal),
                        CultureInfo.InvariantCulture);
                }
            }
        }

        throw new FormatException($"no '{label}' figure in:\n{report}");
    }

    /// <summary>The elapsed seconds of a workload report.</summary>
    public static double Seconds(string report)
    {
        var match = Elapsed().Match(report);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"no elapsed time in:\n{report}");
    }

    [GeneratedRegex(@"[0-9][0-9,]*")]
    private static partial Regex Number();

    [GeneratedRegex(@"elapsed\s+([0-9.]+) s")]
    private static partial Regex Elapsed();
}
