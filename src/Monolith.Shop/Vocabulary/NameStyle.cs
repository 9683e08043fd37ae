namespace Monolith.Shop.Vocabulary;

/// <summary>Which list a customer's name is drawn from.</summary>
internal enum NameStyle
{
    Western,
    Japanese,
    Chinese,
}
