using System.Collections.Concurrent;
using Apache.Arrow;

namespace Monolith.Engine.Rollups;

/// <summary>
/// The rollups of one Monolith instance, by name. Adding and looking up rollups is thread-safe; each rollup has
/// its own single writer (see <see cref="Rollup"/>).
/// </summary>
public sealed class RollupStore
{
    private readonly ConcurrentDictionary<string, Rollup> _rollups = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty store.</summary>
    /// <param name="clock">Clock for retention and commit times; the system clock when null.</param>
    public RollupStore(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The clock the store and its queries use.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>The rollups, in no particular order.</summary>
    public IReadOnlyCollection<Rollup> Rollups => (IReadOnlyCollection<Rollup>)_rollups.Values;

    /// <summary>Adds a rollup.</summary>
    /// <param name="definition">The parsed definition.</param>
    /// <param name="inputSchema">The Arrow schema of the batches the rollup will receive, when known; it fixes
    /// column types before the first batch (otherwise the first batch does).</param>
    /// <exception cref="ArgumentException">A rollup of that name exists.</exception>
    /// <exception cref="RollupSchemaException">The schema does not fit the definition.</exception>
    public Rollup Add(RollupDefinition definition, Schema? inputSchema = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var rollup = new Rollup(definition, _clock, inputSchema);
        if (!_rollups.TryAdd(definition.Name, rollup))
        {
            throw new ArgumentException($"A rollup named '{definition.Name}' exists already.", nameof(definition));
        }

        return rollup;
    }

    /// <summary>Parses a definition and adds the rollup.</summary>
    /// <exception cref="RollupDefinitionException">The SQL does not define a rollup.</exception>
    public Rollup Add(string name, string sql, RollupOptions? options = null, Schema? inputSchema = null) =>
        Add(RollupDefinition.Parse(name, sql, options), inputSchema);

    /// <summary>Looks a rollup up by its exact name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Rollup? rollup) =>
        _rollups.TryGetValue(name, out rollup);

    /// <summary>The rollup of a name.</summary>
    /// <exception cref="KeyNotFoundException">No rollup has that name.</exception>
    public Rollup this[string name] =>
        _rollups.TryGetValue(name, out var rollup) ? rollup
            : throw new KeyNotFoundException($"No rollup named '{name}'.");

    /// <summary>Removes a rollup; queries that pinned one of its versions finish undisturbed.</summary>
    public bool Remove(string name) => _rollups.TryRemove(name, out _);

    /// <summary>Commits every rollup at the same position (one writer thread for all of them).</summary>
    public void Commit(object? position)
    {
        foreach (var rollup in _rollups.Values)
        {
            rollup.Commit(position);
        }
    }

    /// <summary>Status of every rollup, ordered by name.</summary>
    public IReadOnlyList<RollupStatus> GetStatus() =>
        _rollups.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.GetStatus()).ToList();
}
