using System.Globalization;
using System.Text;

namespace Monolith.Shop.Vocabulary;

/// <summary>Draws users, products and prices from <see cref="ShopVocabulary"/> with a seeded generator.</summary>
internal static class ShopFactory
{
    private static readonly int s_countryWeight = ShopVocabulary.Countries.Sum(c => c.Weight);
    private static readonly int s_methodWeight = ShopVocabulary.PaymentMethods.Sum(m => m.Weight);

    public static Country PickCountry(ShopRandom random)
    {
        var ticket = random.Next(s_countryWeight);
        foreach (var country in ShopVocabulary.Countries)
        {
            ticket -= country.Weight;
            if (ticket < 0)
            {
                return country;
            }
        }

        return ShopVocabulary.Countries[^1];
    }

    public static Country CountryByCode(string code) =>
        Array.Find(ShopVocabulary.Countries, c => c.Code == code) ?? ShopVocabulary.Countries[0];

    public static (string Method, decimal FeeRate) PickPaymentMethod(ShopRandom random)
    {
        var ticket = random.Next(s_methodWeight);
        foreach (var (method, weight, fee) in ShopVocabulary.PaymentMethods)
        {
            ticket -= weight;
            if (ticket < 0)
            {
                return (method, fee);
            }
        }

        return (ShopVocabulary.PaymentMethods[0].Method, ShopVocabulary.PaymentMethods[0].FeeRate);
    }

    /// <summary>A new user; <paramref name="emailTag"/> makes the e-mail address unique.</summary>
    public static UserRow NewUser(ShopRandom random, string emailTag, DateTime createdAt)
    {
        var country = PickCountry(random);
        var (name, handle) = country.Names switch
        {
            NameStyle.Japanese => random.Pick(ShopVocabulary.JapaneseNames),
            NameStyle.Chinese => random.Pick(ShopVocabulary.ChineseNames),
            _ => WesternName(random),
        };
        if (random.Chance(0.04))
        {
            name += random.Pick(ShopVocabulary.NameDecorations);
        }

        var email = $"{handle}.{emailTag}@{random.Pick(ShopVocabulary.EmailDomains)}";
        DateOnly? birthDate = random.Chance(0.35)
            ? null
            : new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 55));
        return new UserRow(email, name, country, birthDate, random.Chance(0.3), createdAt);
    }

    public static ProductRow NewProduct(
        ShopRandom random, int index, IReadOnlyList<CategoryTemplate> categories, DateTime createdAt)
    {
        var leaves = Enumerable.Range(0, categories.Count).Where(i => categories[i].Parent is not null).ToArray();
        var category = leaves.Length == 0 ? random.Next(categories.Count) : leaves[random.Next(leaves.Length)];
        var template = categories[category];
        var nouns = template.Nouns.Count == 0 ? ["Gift Card"] : template.Nouns;
        var name = random.Pick(ShopVocabulary.ProductAdjectives) + " " + random.Pick(nouns);
        var minPrice = template.MinPrice > 0 ? template.MinPrice : 10m;
        var maxPrice = template.MaxPrice > minPrice ? template.MaxPrice : minPrice * 5;
        var price = PriceBetween(random, minPrice, maxPrice);

        // Food and books carry the reduced VAT rate, as in Germany where the catalogue is priced.
        var reduced = template.Parent is "Grocery" or "Books & Media";
        var vat = reduced ? 0.0700m : 0.1900m;

        var attributes = new StringBuilder("{\"colour\": \"");
        attributes.Append(random.Pick(ShopVocabulary.Colours)).Append('"');
        if (template.Parent == "Fashion")
        {
            attributes.Append(", \"size\": \"").Append(random.Pick(ShopVocabulary.Sizes)).Append('"');
        }

        attributes.Append(", \"weight_g\": ")
            .Append(random.Between(20, 4000).ToString(CultureInfo.InvariantCulture)).Append('}');

        var tags = new List<string>();
        foreach (var tag in ShopVocabulary.Tags)
        {
            if (random.Chance(0.15))
            {
                tags.Add(tag);
            }
        }

        var sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{category + 1:D2}-{index + 1:D6}");
        return new ProductRow(category, sku, name, price, vat, random.Between(50, 2000), attributes.ToString(),
            string.Join(',', tags), !random.Chance(0.03), createdAt);
    }

    /// <summary>A price with the endings shops use: .99, .49 or .95.</summary>
    public static decimal PriceBetween(ShopRandom random, decimal min, decimal max)
    {
        var whole = (int)min + random.Next(Math.Max(1, (int)(max - min)));
        var ending = random.Next(3) switch { 0 => 0.99m, 1 => 0.49m, _ => 0.95m };
        return whole + ending;
    }

    /// <summary>A euro amount converted into a country's currency, rounded to the currency's decimals.</summary>
    public static decimal Convert(decimal euros, Country country) =>
        Math.Round(euros * country.EuroRate, country.Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The category list for a requested count: every top-level category first, then sub-categories.</summary>
    public static IReadOnlyList<CategoryTemplate> Categories(int count)
    {
        var roots = ShopVocabulary.Categories.Where(c => c.Parent is null).ToList();
        var leaves = ShopVocabulary.Categories.Where(c => c.Parent is not null).ToList();
        var result = new List<CategoryTemplate>(count);
        // About two top-level categories in seven, as in the full tree (8 of 28).
        result.AddRange(roots.Take(Math.Min(roots.Count, Math.Max(1, count * 2 / 7))));
        var round = 1;
        while (result.Count < count)
        {
            foreach (var leaf in leaves)
            {
                if (result.Count == count)
                {
                    break;
                }

                // A parent that did not make it into a small list leaves its children at the top level.
                var parent = result.Any(c => c.Name == leaf.Parent) ? leaf.Parent : null;
                var name = round == 1 ? leaf.Name : $"{leaf.Name} {Roman(round)}";
                result.Add(leaf with { Name = name, Parent = parent });
            }

            round++;
        }

        return result;
    }

    public static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if ((c == ' ' || c == '-') && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    private static (string Name, string Handle) WesternName(ShopRandom random)
    {
        var first = random.Pick(ShopVocabulary.FirstNames);
        var last = random.Pick(ShopVocabulary.LastNames);
        return ($"{first.Name} {last.Name}", $"{first.Handle}.{last.Handle}");
    }

    private static string Roman(int n) => n switch
    {
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
