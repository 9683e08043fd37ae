namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Monolith.sln) and the files the tests use.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>The project's entry script, which installs and starts the servers the tests need.</summary>
    public static string DevScript => Path.Combine(Root, "dev");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monolith.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the repository root (a folder holding Monolith.sln) above {AppContext.BaseDirectory}.");
    }
}
