using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Monolith.Shop.Workload;

/// <summary>
/// One workload connection: claims a sequence number, waits for its turn at the target rate, decides a transaction
/// with its own seeded generator, runs it as one round trip (START TRANSACTION ... COMMIT in a batch), and on
/// success applies it to the users and orders it owns.
/// </summary>
internal sealed partial class WorkloadWorker
{
    private readonly int _index;
    private readonly ShopWorkloadOptions _options;
    private readonly ConnectionState _state;
    private readonly ProductCatalog _catalog;
    private readonly IReadOnlyList<(ulong Id, string Name)> _categories;
    private readonly WorkloadCounters _counters;
    private readonly RunControl _run;
    private readonly ShopClock _clock;
    private readonly ShopRandom _random;
    private readonly ILogger _logger;
    private readonly double _rate;
    private bool _reportedBehind;

    public WorkloadWorker(
        int index, ShopWorkloadOptions options, ConnectionState state, ProductCatalog catalog,
        IReadOnlyList<(ulong Id, string Name)> categories, WorkloadCounters counters, RunControl run,
        ShopClock clock, ShopRandom random, ILogger logger)
    {
        _index = index;
        _options = options;
        _state = state;
        _catalog = catalog;
        _categories = categories;
        _counters = counters;
        _run = run;
        _clock = clock;
        _random = random;
        _logger = logger;
        _rate = options.Rate is > 0 and var rate ? rate / options.Connections : 0;
    }

    /// <summary>Runs transactions until the run's maximum is reached or <paramref name="stop"/> is cancelled.</summary>
    /// <remarks>A transaction that has started is finished even when the token fires, so stopping is clean.</remarks>
    public async Task RunAsync(string connectionString, CancellationToken stop)
    {
        await using var connection = await ShopConnection.OpenUtcAsync(connectionString, stop);
        var started = Stopwatch.GetTimestamp();
        long paced = 0;
        while (!stop.IsCancellationRequested && _run.TryClaim(out var sequence))
        {
            if (_rate > 0)
            {
                // Open-loop pacing: transaction n is due n / rate seconds after the start. A connection that
                // falls more than a second behind starts a new schedule rather than bursting to catch up.
                var due = started + (long)(paced++ / _rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                else if (wait < TimeSpan.FromSeconds(-1))
                {
                    if (!_reportedBehind)
                    {
                        _reportedBehind = true;
                        Log.WorkloadBehind(_logger, -wait.TotalSeconds, _rate * _options.Connections);
                    }

                    started = Stopwatch.GetTimestamp();
                    paced = 1;
                }
            }

            var instant = _clock.Instant(sequence);
            var plan = Decide(_options.Mix.Pick(_random), instant);
            await RunPlanAsync(connection, plan, sequence, instant);
        }
    }

    private async Task RunPlanAsync(MySqlConnection connection, TransactionPlan plan, long sequence,
        DateTimeOffset instant)
    {
        for (var attempt = 1; ; attempt++)
        {
            TransactionOutcome outcome;
            try
            {
                outcome = await ExecuteAsync(connection, plan);
            }
            catch (MySqlException e) when (connection.State == System.Data.ConnectionState.Open
                                           && e.ErrorCode is MySqlErrorCode.LockDeadlock
                                               or MySqlErrorCode.LockWaitTimeout)
            {
                await RollbackAsync(connection);
                if (e.ErrorCode == MySqlErrorCode.LockDeadlock)
                {
                    _counters.AddDeadlock();
                }
                else
                {
                    _counters.AddLockWaitTimeout();
                }

                if (attempt > _options.MaxRetries)
                {
                    _counters.AddFailed();
                    Log.TransactionFailed(_logger, plan.Kind, _index, e.Message);
                    return;
                }

                Log.TransactionRetried(_logger, plan.Kind, _index, e.Message, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, attempt * attempt)));
                continue;
            }
            catch (MySqlException e) when (connection.State == System.Data.ConnectionState.Open
                                           && (int)e.ErrorCode >= 1000 && (int)e.ErrorCode < 2000)
            {
                // A server error that leaves the session usable (a duplicate key, say): the transaction is lost,
                // the run goes on. Connection failures propagate and end the run.
                await RollbackAsync(connection);
                _counters.AddFailed();
                Log.TransactionFailed(_logger, plan.Kind, _index, e.Message);
                return;
            }

            var committedAt = DateTimeOffset.UtcNow;
            var committedTimestamp = Stopwatch.GetTimestamp();
            var rows = 0L;
            for (var i = 0; i < plan.Statements.Count; i++)
            {
                var statement = plan.Statements[i];
                if (statement.Table >= 0)
                {
                    _counters.AddRows(statement.Table, statement.Operation, outcome.Affected[i]);
                    rows += outcome.Affected[i];
                }
            }

            foreach (var apply in plan.OnCommitted)
            {
                apply(outcome);
            }

            _counters.AddCommitted(plan.Kind);
            _options.OnCommit?.Invoke(new CommitInfo(
                sequence, _index, plan.Kind, committedAt, committedTimestamp, instant, (int)rows));
            return;
        }
    }

    /// <summary>
    /// Runs the plan as one round trip: START TRANSACTION, the statements, one SELECT of the rows each statement
    /// changed and of the plan's variables, COMMIT.
    /// </summary>
    /// <remarks>
    /// MySqlConnector sends a batch as one multi-statement query and reports only the sum of the rows changed, so
    /// each counted statement is followed by <c>SET @rc_N = ROW_COUNT()</c>. Without CLIENT_FOUND_ROWS
    /// (<c>UseAffectedRows</c>), ROW_COUNT() is the rows changed, which are the rows the binlog carries.
    /// </remarks>
    private static async Task<TransactionOutcome> ExecuteAsync(MySqlConnection connection, TransactionPlan plan)
    {
        await using var batch = new MySqlBatch(connection);
        batch.BatchCommands.Add(new MySqlBatchCommand("START TRANSACTION"));
        var selected = new List<string>();
        for (var i = 0; i < plan.Statements.Count; i++)
        {
            var statement = plan.Statements[i];
            var command = new MySqlBatchCommand(statement.Sql);
            foreach (var (name, value) in statement.Parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            batch.BatchCommands.Add(command);
            var counter = string.Create(CultureInfo.InvariantCulture, $"@rc_{i}");
            batch.BatchCommands.Add(new MySqlBatchCommand(
                statement.Table >= 0 ? $"SET {counter} = ROW_COUNT()" : $"SET {counter} = 0"));
            selected.Add(counter);
        }

        selected.AddRange(plan.Variables.Select(v => "@" + v));
        batch.BatchCommands.Add(new MySqlBatchCommand("SELECT " + string.Join(", ", selected)));
        batch.BatchCommands.Add(new MySqlBatchCommand("COMMIT"));

        // Statements are never cancelled half way (CancellationToken.None): a stop request waits for the COMMIT.
        var affected = new long[plan.Statements.Count];
        var variables = new ulong[plan.Variables.Count];
        await using (var reader = await batch.ExecuteReaderAsync(CancellationToken.None))
        {
            do
            {
                while (reader.FieldCount == selected.Count && await reader.ReadAsync(CancellationToken.None))
                {
                    for (var i = 0; i < affected.Length; i++)
                    {
                        affected[i] = Math.Max(0, Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture));
                    }

                    for (var i = 0; i < variables.Length; i++)
                    {
                        variables[i] = Convert.ToUInt64(reader.GetValue(affected.Length + i),
                            CultureInfo.InvariantCulture);
                    }
                }
            }
            while (await reader.NextResultAsync(CancellationToken.None));
        }

        return new TransactionOutcome(affected, variables);
    }

    private static async Task RollbackAsync(MySqlConnection connection)
    {
        await using var command = new MySqlCommand("ROLLBACK", connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
