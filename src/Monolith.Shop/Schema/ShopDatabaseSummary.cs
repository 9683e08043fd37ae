namespace Monolith.Shop.Schema;

/// <summary>Row counts of a shop database after <see cref="ShopDatabase.CreateAsync"/>.</summary>
public sealed record ShopDatabaseSummary(string Database, long Categories, long Products, long Users, long Orders);
