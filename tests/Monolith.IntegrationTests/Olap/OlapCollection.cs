namespace Monolith.IntegrationTests.Olap;

/// <summary>The Olap tests share one server, one workload run and one pipeline (<see cref="OlapFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class OlapCollection : ICollectionFixture<OlapFixture>
{
    public const string Name = "OLAP";
}
