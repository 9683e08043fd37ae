namespace Monolith.Shop.Vocabulary;

/// <summary>
/// A category of the seeded catalogue: top-level when <see cref="Parent"/> is null. Leaves carry the product
/// nouns sold in them and the gross price range in euros.
/// </summary>
internal sealed record CategoryTemplate(
    string Name, string? Parent, IReadOnlyList<string> Nouns, decimal MinPrice, decimal MaxPrice);
