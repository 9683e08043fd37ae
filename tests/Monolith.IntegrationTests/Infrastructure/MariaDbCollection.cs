namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>
/// Test classes in this collection share one private MariaDB with the default settings. Each test uses its own
/// database name, so tests in the collection do not see each other's tables.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<PrivateMariaDb>
{
    public const string Name = "MariaDB";
}
