namespace Monolith.Shop.Vocabulary;

/// <summary>
/// A country the shop sells to: its ISO codes, the VAT rate on the shop's goods, the exchange rate from the
/// catalogue's euros, how many decimals its currency uses, and how often its customers appear.
/// </summary>
internal sealed record Country(
    string Code, string Currency, decimal VatRate, decimal EuroRate, int Decimals, int Weight, NameStyle Names);
