namespace Monolith.Shop.Vocabulary;

/// <summary>A user as inserted into <c>users</c>.</summary>
internal sealed record UserRow(
    string Email, string Name, Country Country, DateOnly? BirthDate, bool MarketingOptIn, DateTime CreatedAt);
