using Monolith.Engine.Rollups.Storage;

namespace Monolith.Engine.Rollups.Metrics;

/// <summary>
/// Copy-on-write access to per-group state objects that readers can see (distinct sets and sketches): an object
/// stamped with an earlier epoch may be published and is cloned before the writer changes it.
/// </summary>
internal static class GroupObjects
{
    public static T Writable<T>(CowColumn<T?> column, int group, int epoch, Func<T> create, Func<T, T> clone,
        Func<T, int> getEpoch, Action<T, int> setEpoch)
        where T : class
    {
        var current = column.Get(group);
        if (current is not null && getEpoch(current) == epoch)
        {
            return current;
        }

        var fresh = current is null ? create() : clone(current);
        setEpoch(fresh, epoch);
        column.Writable(group) = fresh;
        return fresh;
    }
}
