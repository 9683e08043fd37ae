namespace Monolith.Shop.Vocabulary;

/// <summary>A product as inserted into <c>products</c>; <see cref="Category"/> indexes the category list.</summary>
internal sealed record ProductRow(
    int Category, string Sku, string Name, decimal Price, decimal VatRate, int Stock, string Attributes,
    string Tags, bool IsActive, DateTime CreatedAt);
