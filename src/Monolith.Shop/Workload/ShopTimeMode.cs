namespace Monolith.Shop.Workload;

/// <summary>Where the workload's timestamps come from.</summary>
public enum ShopTimeMode
{
    /// <summary>The machine's clock: rows carry the time they were written (the live demo).</summary>
    Real,

    /// <summary>
    /// A seeded start instant advancing by a fixed step per transaction, so a short run spreads its rows over many
    /// time buckets (and across a daylight-saving change when the shop's zone has one).
    /// </summary>
    Simulated,
}
