using Monolith.Shop.Vocabulary;

namespace Monolith.Shop.Workload;

/// <summary>An order the workload may still move on: what its next transaction needs to know.</summary>
internal sealed record OpenOrder(ulong Id, ulong UserId, decimal Total, Country Country);
