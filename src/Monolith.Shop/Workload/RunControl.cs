namespace Monolith.Shop.Workload;

/// <summary>Hands out transaction sequence numbers to the connections until the run's maximum is reached.</summary>
internal sealed class RunControl(long? maxTransactions)
{
    private long _claimed;

    public bool TryClaim(out long sequence)
    {
        sequence = Interlocked.Increment(ref _claimed);
        return maxTransactions is not { } max || sequence <= max;
    }
}
