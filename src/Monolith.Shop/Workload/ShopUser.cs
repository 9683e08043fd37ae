using Monolith.Shop.Vocabulary;

namespace Monolith.Shop.Workload;

/// <summary>A registered user as the workload knows them.</summary>
internal sealed record ShopUser(ulong Id, Country Country);
