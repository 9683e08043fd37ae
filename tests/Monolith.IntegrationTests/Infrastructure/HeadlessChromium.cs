using System.Diagnostics;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// A real headless Chromium, installed by the entry script (<c>./dev deps chromium</c>) when missing. Pages are
/// loaded with a virtual-time budget, so that their scripts (fetches, timers) run to completion before the DOM
/// is dumped, without waiting in real time.
/// </summary>
public static class HeadlessChromium
{
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static string? s_executable;

    /// <summary>Loads <paramref name="url"/>, lets its scripts run, and returns the resulting DOM as HTML.</summary>
    public static async Task<string> DumpDomAsync(string url, TimeSpan? virtualTime = null)
    {
        var executable = await ExecutableAsync();
        var profile = Directory.CreateTempSubdirectory("monolith-chromium-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.FullName,
                         "--virtual-time-budget=" + (long)(virtualTime ?? TimeSpan.FromSeconds(10)).TotalMilliseconds,
                         "--dump-dom", url,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"could not start {executable}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"headless Chromium did not finish loading {url} in 90 s: {await stderr}");
            }

            var dom = await stdout;
            if (process.ExitCode != 0 || dom.Length == 0)
            {
                throw new InvalidOperationException(
                    $"headless Chromium failed on {url} (exit code {process.ExitCode}): {await stderr}");
            }

            return dom;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crash reporter can still hold a file for a moment; a temporary profile left behind is harmless.
            }
        }
    }

    private static async Task<string> ExecutableAsync()
    {
        await s_install.WaitAsync();
        try
        {
            if (s_executable is null)
            {
                await PrivateMariaDb.RunDevAsync(["deps", "chromium"]);
                s_executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
                    ?? throw new InvalidOperationException("./dev deps chromium ran but no chromium executable exists");
            }

            return s_executable;
        }
        finally
        {
            s_install.Release();
        }
    }
}
