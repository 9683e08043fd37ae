namespace Monolith.Engine.Rollups.Sketches;

/// <summary>
/// A retractable quantile sketch in the manner of DDSketch: each value falls into a logarithmic bucket
/// <c>ceil(log_gamma |v|)</c> with <c>gamma = (1 + a) / (1 - a)</c> and relative accuracy a = 1%, and buckets
/// hold signed counts. Because the bucket of a value never depends on other values, retracting a value is
/// exact: the sketch after a delete equals the sketch of the rows that remain. A quantile is returned with at
/// most 1% relative error with respect to some value of rank q in the data. Values with magnitude below 1e-9
/// count as zero; NaN and infinities are not sketched.
/// </summary>
internal sealed class QuantileSketch
{
    public const double RelativeAccuracy = 0.01;
    public const double ZeroThreshold = 1e-9;
    private static readonly double s_gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double s_logGamma = Math.Log(s_gamma);

    private readonly CountMap<int> _positive;
    private readonly CountMap<int> _negative;

    public QuantileSketch()
    {
        _positive = new CountMap<int>();
        _negative = new CountMap<int>();
    }

    private QuantileSketch(QuantileSketch source)
    {
        _positive = source._positive.Clone();
        _negative = source._negative.Clone();
        Zero = source.Zero;
    }

    public int Epoch { get; set; }

    public long Zero { get; private set; }

    public CountMap<int> Positive => _positive;

    public CountMap<int> Negative => _negative;

    public long Count => _positive.Total + _negative.Total + Zero;

    public long Bytes => _positive.Bytes + _negative.Bytes + 32;

    public QuantileSketch Clone() => new(this);

    /// <summary>Adds a value with a signed weight; returns false for values that are not sketched.</summary>
    public bool Add(double value, int weight)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        var magnitude = Math.Abs(value);
        if (magnitude < ZeroThreshold)
        {
            Zero += weight;
        }
        else if (value > 0)
        {
            _positive.Add(Index(magnitude), weight);
        }
        else
        {
            _negative.Add(Index(magnitude), weight);
        }

        return true;
    }

    public static int Index(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / s_logGamma);

    /// <summary>The representative value of a bucket: within 1% of every value the bucket holds.</summary>
    public static double Value(int index) => 2 * Math.Pow(s_gamma, index) / (s_gamma + 1);

    /// <summary>
    /// The q-quantile of merged buckets: rank q(n-1) counted from the most negative value upwards.
    /// Returns NaN when there are no values.
    /// </summary>
    public static double Quantile(
        IReadOnlyDictionary<int, long> negative, long zero, IReadOnlyDictionary<int, long> positive, double q)
    {
        long total = zero;
        foreach (var count in negative.Values)
        {
            total += Math.Max(0, count);
        }

        foreach (var count in positive.Values)
        {
            total += Math.Max(0, count);
        }

        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = q * (total - 1);
        double seen = 0;
        foreach (var (index, count) in negative.OrderByDescending(p => p.Key))
        {
            seen += Math.Max(0, count);
            if (seen > rank)
            {
                return -Value(index);
            }
        }

        seen += Math.Max(0, zero);
        if (seen > rank)
        {
            return 0;
        }

        foreach (var (index, count) in positive.OrderBy(p => p.Key))
        {
            seen += Math.Max(0, count);
            if (seen > rank)
            {
                return Value(index);
            }
        }

        return positive.Count > 0 ? Value(positive.Keys.Max()) : 0;
    }
}
