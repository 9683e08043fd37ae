namespace Monolith.Shop.Vocabulary;

/// <summary>
/// The seeded lists the shop's data is drawn from. Names carry accents, CJK and emoji on purpose: the binlog
/// reader must keep utf8mb4 text intact, and a demo with only ASCII would never show that it does.
/// </summary>
internal static class ShopVocabulary
{
    public static readonly Country[] Countries =
    [
        new("DE", "EUR", 0.19m, 1m, 2, 20, NameStyle.Western),
        new("FR", "EUR", 0.20m, 1m, 2, 12, NameStyle.Western),
        new("GB", "GBP", 0.20m, 0.86m, 2, 10, NameStyle.Western),
        new("US", "USD", 0.0725m, 1.08m, 2, 14, NameStyle.Western),
        new("ES", "EUR", 0.21m, 1m, 2, 7, NameStyle.Western),
        new("IT", "EUR", 0.22m, 1m, 2, 7, NameStyle.Western),
        new("NL", "EUR", 0.21m, 1m, 2, 5, NameStyle.Western),
        new("PL", "PLN", 0.23m, 4.30m, 2, 5, NameStyle.Western),
        new("SE", "SEK", 0.25m, 11.40m, 2, 3, NameStyle.Western),
        new("AT", "EUR", 0.20m, 1m, 2, 3, NameStyle.Western),
        new("CH", "CHF", 0.081m, 0.95m, 2, 3, NameStyle.Western),
        new("JP", "JPY", 0.10m, 162m, 0, 6, NameStyle.Japanese),
        new("CN", "CNY", 0.13m, 7.80m, 2, 3, NameStyle.Chinese),
        new("BR", "BRL", 0.17m, 5.90m, 2, 2, NameStyle.Western),
    ];

    /// <summary>Western first names with the ASCII handle used in e-mail addresses.</summary>
    public static readonly (string Name, string Handle)[] FirstNames =
    [
        ("Anna", "anna"), ("Lukas", "lukas"), ("Zoë", "zoe"), ("José", "jose"), ("Émilie", "emilie"),
        ("Søren", "soren"), ("Łukasz", "lukasz"), ("Chloé", "chloe"), ("Jürgen", "juergen"), ("Inès", "ines"),
        ("Mia", "mia"), ("Noah", "noah"), ("Olivia", "olivia"), ("Liam", "liam"), ("François", "francois"),
        ("Björn", "bjorn"), ("María", "maria"), ("João", "joao"), ("Ágnes", "agnes"), ("Nikolaj", "nikolaj"),
        ("Sophie", "sophie"), ("Mateo", "mateo"), ("Åsa", "asa"), ("Dagný", "dagny"), ("Grace", "grace"),
        ("Henrik", "henrik"), ("Chiara", "chiara"), ("Małgorzata", "malgorzata"), ("Oliver", "oliver"),
        ("Léa", "lea"),
    ];

    /// <summary>Western family names with their ASCII handle.</summary>
    public static readonly (string Name, string Handle)[] LastNames =
    [
        ("Müller", "mueller"), ("Schmidt", "schmidt"), ("García", "garcia"), ("Dubois", "dubois"),
        ("Rossi", "rossi"), ("Nowak", "nowak"), ("Smith", "smith"), ("Johansson", "johansson"),
        ("Lefèvre", "lefevre"), ("Kowalczyk", "kowalczyk"), ("Øvergård", "overgard"), ("Núñez", "nunez"),
        ("de Jong", "dejong"), ("Brown", "brown"), ("Weiß", "weiss"), ("Andrés", "andres"),
        ("Gonçalves", "goncalves"), ("Fischer", "fischer"), ("Håkansson", "hakansson"), ("O'Brien", "obrien"),
        ("Conti", "conti"), ("Wójcik", "wojcik"), ("Jensen", "jensen"), ("Martin", "martin"),
    ];

    /// <summary>Japanese full names (family name first) with their ASCII handle.</summary>
    public static readonly (string Name, string Handle)[] JapaneseNames =
    [
        ("山田 太郎", "yamada"), ("佐藤 花子", "sato"), ("鈴木 一郎", "suzuki"), ("高橋 美咲", "takahashi"),
        ("田中 健太", "tanaka"), ("伊藤 さくら", "ito"), ("渡辺 翔", "watanabe"), ("中村 陽菜", "nakamura"),
    ];

    /// <summary>Chinese full names with their ASCII handle.</summary>
    public static readonly (string Name, string Handle)[] ChineseNames =
    [
        ("王伟", "wangwei"), ("李娜", "lina"), ("张敏", "zhangmin"), ("刘洋", "liuyang"), ("陈静", "chenjing"),
        ("杨磊", "yanglei"), ("赵丽", "zhaoli"), ("黄强", "huangqiang"),
    ];

    /// <summary>What some customers put after their name.</summary>
    public static readonly string[] NameDecorations = [" 🌸", " 🚀", " ☕", " 🎸", " ⚽", " 🦊"];

    public static readonly string[] EmailDomains = ["example.com", "example.org", "example.net", "mail.example"];

    public static readonly CategoryTemplate[] Categories =
    [
        new("Electronics", null, [], 0m, 0m),
        new("Home & Kitchen", null, [], 0m, 0m),
        new("Fashion", null, [], 0m, 0m),
        new("Sports & Outdoors", null, [], 0m, 0m),
        new("Books & Media", null, [], 0m, 0m),
        new("Grocery", null, [], 0m, 0m),
        new("Beauty", null, [], 0m, 0m),
        new("Toys & Games", null, [], 0m, 0m),
        new("Audio", "Electronics", ["Headphones 🎧", "Bluetooth Speaker", "Earbuds", "Soundbar"], 19m, 349m),
        new("Phones & Tablets", "Electronics", ["Phone Case", "USB-C Charger", "Tablet Stand"], 9m, 79m),
        new("Cameras", "Electronics", ["Camera Strap", "Tripod", "Lens Filter", "Instant Camera 📷"], 12m, 249m),
        new("Kitchen", "Home & Kitchen", ["Café Mug", "Teapot 急須", "Chef's Knife", "Crêpe Pan"], 8m, 129m),
        new("Living", "Home & Kitchen", ["Cushion", "Throw Blanket", "Floor Lamp", "Vase"], 15m, 189m),
        new("Bedding", "Home & Kitchen", ["Duvet Cover", "Pillow", "Fitted Sheet"], 19m, 149m),
        new("Women", "Fashion", ["Dress", "Blouse", "Scarf", "Cardigan"], 19m, 159m),
        new("Men", "Fashion", ["Shirt", "Chinos", "Hoodie", "Jacket"], 24m, 199m),
        new("Shoes", "Fashion", ["Sneakers 👟", "Boots", "Sandals", "Espadrilles"], 29m, 179m),
        new("Fitness", "Sports & Outdoors", ["Yoga Mat", "Kettlebell", "Resistance Band"], 9m, 89m),
        new("Camping", "Sports & Outdoors", ["Tent ⛺", "Sleeping Bag", "Camping Stove"], 25m, 399m),
        new("Cycling", "Sports & Outdoors", ["Bike Light", "Helmet", "Saddle Bag"], 12m, 119m),
        new("Books", "Books & Media", ["Notebook", "Cookbook", "Manga 漫画", "Novel"], 6m, 45m),
        new("Music", "Books & Media", ["Vinyl Record", "Ukulele", "Guitar Strings"], 7m, 129m),
        new("Tea & Coffee", "Grocery", ["Matcha 抹茶", "Espresso Beans", "Rooibos", "Oolong 烏龍茶"], 4m, 39m),
        new("Snacks", "Grocery", ["Dark Chocolate", "Trail Mix", "Crème Caramel", "Mochi 餅"], 2m, 19m),
        new("Skincare", "Beauty", ["Face Cream", "Sérum", "Lip Balm"], 5m, 89m),
        new("Fragrance", "Beauty", ["Eau de Parfum", "Scented Candle 🕯️"], 15m, 149m),
        new("Puzzles", "Toys & Games", ["Jigsaw Puzzle", "Rubik's Cube", "Sudoku Book"], 6m, 49m),
        new("Plush", "Toys & Games", ["Teddy Bear 🧸", "Plush Cat 🐱", "Dinosaur Plush"], 9m, 59m),
    ];

    public static readonly string[] ProductAdjectives =
    [
        "Classic", "Premium", "Eco", "Nordic", "Vintage", "Über-Soft", "Ergonomic", "Petite", "Grand",
        "Côte d'Azur", "Zürich", "Kyoto 京都", "Everyday", "Pro", "Mini", "Organic",
    ];

    public static readonly string[] Colours =
        ["black", "white", "navy", "forest green", "burgundy", "sand", "grey", "crème", "sky blue", "coral"];

    public static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "one size"];

    public static readonly string[] Tags = ["new", "sale", "bestseller", "eco", "limited", "gift"];

    /// <summary>How a category gets renamed now and then; {0} is its original name.</summary>
    public static readonly string[] CategoryRenames = ["{0}", "{0} & More", "New in {0}", "{0} ✨", "All {0}"];

    public static readonly string[] CouponCodes = ["WELCOME10", "SUMMER15", "FREESHIP", "VIP20", "HERBST5"];

    public static readonly string[] CancelReasons =
    [
        "customer changed their mind", "payment not received in time", "item out of stock",
        "address could not be verified", "duplicate order",
    ];

    public static readonly string[] RefundReasons =
    [
        "damaged in transit", "wrong size", "not as described", "arrived too late", "changed mind within 14 days",
    ];

    /// <summary>Payment methods with their relative frequency and the provider's fee rate.</summary>
    public static readonly (string Method, int Weight, decimal FeeRate)[] PaymentMethods =
    [
        ("card", 40, 0.0140m), ("paypal", 22, 0.0249m), ("bank_transfer", 8, 0.0000m),
        ("apple_pay", 10, 0.0150m), ("google_pay", 7, 0.0150m), ("klarna", 10, 0.0299m),
        ("gift_card", 3, 0.0000m),
    ];
}
