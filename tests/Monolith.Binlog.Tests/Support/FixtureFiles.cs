namespace Monolith.Binlog.Tests.Support;

/// <summary>
/// Locates the shared binlog fixtures: the folder named by <c>MONOLITH_FIXTURES</c>, else <c>../shared/fixtures</c>
/// beside the repository root (the folder holding <c>Monolith.sln</c>, found by walking up from the test binaries).
/// </summary>
internal static class FixtureFiles
{
    private static readonly Lazy<string> s_root = new(Locate);

    public static string Root => s_root.Value;

    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fixture {relative} is missing from {Root}", path);
        }

        return path;
    }

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MONOLITH_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException(
                    $"MONOLITH_FIXTURES names {fromEnvironment}, which does not exist");
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monolith.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new DirectoryNotFoundException(
                $"No Monolith.sln above {AppContext.BaseDirectory}; set MONOLITH_FIXTURES to the fixtures folder");
        }

        var fixtures = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "fixtures"));
        return Directory.Exists(fixtures)
            ? fixtures
            : throw new DirectoryNotFoundException(
                $"The binlog fixtures are not at {fixtures}; set MONOLITH_FIXTURES to their folder");
    }
}
