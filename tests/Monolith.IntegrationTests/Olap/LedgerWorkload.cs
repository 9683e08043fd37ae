using System.Globalization;
using MySqlConnector;

namespace Monolith.IntegrationTests.Olap;

/// <summary>
/// A seeded generator of inserts, updates and deletes on the ledger, aimed at what makes rollups hard: it deletes
/// the row holding a group's current MIN or MAX, moves extremes up and down, deletes the last rows of a group,
/// moves rows between buckets and groups, writes NULLs, sums past 64 bits, and rolls some transactions back.
/// Groups are taken at minute, hour, day or month granularity so every rollup sees its extremes removed.
/// </summary>
internal sealed class LedgerWorkload(string connectionString, int seed)
{
    private static readonly DateTime s_start = new(2024, 2, 20, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime s_end = new(2024, 4, 10, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly string[] s_groupFormats = ["%Y-%m-%d %H:%i", "%Y-%m-%d %H", "%Y-%m-%d", "%Y-%m"];

    private readonly Random _random = new(seed);
    private readonly List<long> _live = [];
    private readonly DateTime[] _hotMinutes = new DateTime[24];
    private MySqlConnection _connection = null!;

    /// <summary>What the run did, by operation.</summary>
    public Dictionary<string, int> Operations { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows the table holds at the end.</summary>
    public int LiveRows => _live.Count;

    public async Task RunAsync(int transactions, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _hotMinutes.Length; i++)
        {
            _hotMinutes[i] = RandomTime().AddTicks(-(RandomTime().Ticks % TimeSpan.TicksPerMinute));
        }

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        _connection = connection;
        await ExecuteAsync("SET time_zone = '+00:00'");
        for (var t = 0; t < transactions; t++)
        {
            await OneTransactionAsync(cancellationToken);
        }
    }

    private async Task OneTransactionAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        var rollback = _random.Next(40) == 0;
        var steps = _random.Next(8) == 0 ? _random.Next(2, 6) : 1;
        var removedHere = new List<long>();
        var liveBefore = rollback ? [.. _live] : (List<long>?)null;
        for (var s = 0; s < steps; s++)
        {
            var pick = _live.Count < 50 ? 0 : _random.Next(100);
            var name = pick switch
            {
                < 38 => await InsertAsync(transaction),
                < 50 => await UpdateValuesAsync(transaction),
                < 58 => await MoveAsync(transaction),
                < 66 => await DeleteAsync(transaction),
                < 74 => await DeleteExtremeAsync(transaction, "amount", _random.Next(2) == 0),
                < 78 => await DeleteExtremeAsync(transaction, "score", _random.Next(2) == 0),
                < 81 => await DeleteExtremeAsync(transaction, "qty", _random.Next(2) == 0),
                < 84 => await DeleteExtremeAsync(transaction, "booked_at", _random.Next(2) == 0),
                < 86 => await DeleteExtremeAsync(transaction, "settled_at", _random.Next(2) == 0),
                < 92 => await ShiftExtremeAsync(transaction),
                < 97 => await DeleteGroupAsync(transaction),
                _ => await DeleteSingletonAsync(transaction),
            };
            Operations[name] = Operations.GetValueOrDefault(name) + 1;
        }

        if (rollback)
        {
            await transaction.RollbackAsync(cancellationToken);
            _live.Clear();
            _live.AddRange(liveBefore!);
            Operations["rollback"] = Operations.GetValueOrDefault("rollback") + 1;
            return;
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<string> InsertAsync(MySqlTransaction transaction)
    {
        var rows = _random.Next(1, 6);
        var values = new List<string>();
        for (var r = 0; r < rows; r++)
        {
            var booked = _random.Next(10) < 4
                ? _hotMinutes[_random.Next(_hotMinutes.Length)]
                    .AddTicks(_random.NextInt64(TimeSpan.TicksPerMinute) / 10 * 10)
                : RandomTime();
            values.Add($"('{Text(booked)}', '{Text(Settled(booked))}', {Region()}, '{Channel()}', " +
                       $"{_random.Next(1, 600)}, {Qty()}, {Units()}, {Amount()}, {Score()})");
        }

        await using var command = new MySqlCommand(
            "INSERT INTO ledger (booked_at, settled_at, region, channel, customer, qty, units, amount, score) " +
            "VALUES " + string.Join(", ", values), _connection, transaction);
        await command.ExecuteNonQueryAsync();

        // One statement takes consecutive ids from the first one (auto_increment_increment is 1).
        var first = command.LastInsertedId;
        for (var r = 0; r < rows; r++)
        {
            _live.Add(first + r);
        }

        return "insert";
    }

    private async Task<string> UpdateValuesAsync(MySqlTransaction transaction)
    {
        var id = RandomLive();
        var set = _random.Next(4) switch
        {
            0 => $"amount = {Amount()}",
            1 => $"qty = {Qty()}, units = {Units()}",
            2 => $"score = {Score()}, customer = {_random.Next(1, 600)}",
            _ => $"amount = {Amount()}, qty = {Qty()}, score = {Score()}",
        };
        await ExecuteAsync($"UPDATE ledger SET {set} WHERE id = {id}", transaction);
        return "update values";
    }

    private async Task<string> MoveAsync(MySqlTransaction transaction)
    {
        var id = RandomLive();
        var booked = RandomTime();
        var set = _random.Next(3) switch
        {
            0 => $"booked_at = '{Text(booked)}', settled_at = '{Text(Settled(booked))}'",
            1 => $"region = {Region()}",
            _ => $"channel = '{Channel()}', region = {Region()}",
        };
        await ExecuteAsync($"UPDATE ledger SET {set} WHERE id = {id}", transaction);
        return "move";
    }

    private async Task<string> DeleteAsync(MySqlTransaction transaction)
    {
        var id = RandomLive();
        await ExecuteAsync($"DELETE FROM ledger WHERE id = {id}", transaction);
        _live.Remove(id);
        return "delete";
    }

    /// <summary>Deletes the row holding the MIN or MAX of a column in the group of a random row.</summary>
    private async Task<string> DeleteExtremeAsync(MySqlTransaction transaction, string column, bool max)
    {
        var group = await GroupOfAsync(RandomLive(), transaction);
        var id = await ScalarAsync(
            $"SELECT id FROM ledger WHERE {group} AND {column} IS NOT NULL ORDER BY {column} " +
            $"{(max ? "DESC" : "ASC")}, id LIMIT 1", transaction);
        if (id is null)
        {
            return "delete extreme (none)";
        }

        await ExecuteAsync($"DELETE FROM ledger WHERE id = {id}", transaction);
        _live.Remove(id.Value);
        return $"delete {(max ? "max" : "min")} {column}";
    }

    /// <summary>Moves a group's current MAX of amount below its MIN, or its MIN above its MAX.</summary>
    private async Task<string> ShiftExtremeAsync(MySqlTransaction transaction)
    {
        var group = await GroupOfAsync(RandomLive(), transaction);
        var max = _random.Next(2) == 0;
        var id = await ScalarAsync(
            $"SELECT id FROM ledger WHERE {group} ORDER BY amount {(max ? "DESC" : "ASC")}, id LIMIT 1", transaction);
        if (id is null)
        {
            return "shift extreme (none)";
        }

        var change = max ? "amount = amount - 100000" : "amount = amount + 100000";
        await ExecuteAsync($"UPDATE ledger SET {change} WHERE id = {id}", transaction);
        return max ? "lower the max" : "raise the min";
    }

    /// <summary>Deletes every row of a group: its last rows go, and the group must vanish from the rollups.</summary>
    private async Task<string> DeleteGroupAsync(MySqlTransaction transaction)
    {
        // Minute groups: a whole day of a region would take a large share of the table.
        var id = RandomLive();
        var group = await GroupOfAsync(id, transaction, 0);
        var ids = await IdsAsync($"SELECT id FROM ledger WHERE {group}", transaction);
        await ExecuteAsync($"DELETE FROM ledger WHERE {group}", transaction);
        foreach (var removed in ids)
        {
            _live.Remove(removed);
        }

        return "delete group";
    }

    /// <summary>Deletes a row that is alone in its minute, region and channel.</summary>
    private async Task<string> DeleteSingletonAsync(MySqlTransaction transaction)
    {
        var id = await ScalarAsync(
            "SELECT MIN(id) FROM ledger GROUP BY DATE_FORMAT(booked_at, '%Y-%m-%d %H:%i'), region, channel " +
            $"HAVING COUNT(*) = 1 ORDER BY RAND({_random.Next()}) LIMIT 1", transaction);
        if (id is null)
        {
            return "delete last row (none)";
        }

        await ExecuteAsync($"DELETE FROM ledger WHERE id = {id}", transaction);
        _live.Remove(id.Value);
        return "delete last row";
    }

    /// <summary>A condition selecting the group of a row: its time bucket at some granularity, and mostly also its
    /// region and channel.</summary>
    private async Task<string> GroupOfAsync(long id, MySqlTransaction transaction, int? granularity = null)
    {
        var format = s_groupFormats[granularity ?? _random.Next(s_groupFormats.Length)];
        await using var command = new MySqlCommand(
            $"SELECT DATE_FORMAT(booked_at, '{format}'), region, channel FROM ledger WHERE id = {id}", _connection,
            transaction);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var condition = $"DATE_FORMAT(booked_at, '{format}') = '{reader.GetString(0)}'";
        if (granularity is not null || _random.Next(3) != 0)
        {
            var region = reader.IsDBNull(1) ? "NULL" : $"'{reader.GetString(1)}'";
            condition += $" AND region <=> {region} AND channel = '{reader.GetString(2)}'";
        }

        return condition;
    }

    private long RandomLive() => _live[_random.Next(_live.Count)];

    private DateTime RandomTime()
    {
        var span = (s_end - s_start).Ticks;
        var ticks = _random.NextInt64(span);
        return s_start.AddTicks(ticks - (ticks % 10));
    }

    /// <summary>
    /// The instant a booking settles: hours to two days later, and often in the last two hours of a UTC day, where
    /// the Berlin day has already begun.
    /// </summary>
    private DateTime Settled(DateTime booked)
    {
        var settled = booked.AddMinutes(_random.Next(0, 48 * 60)).AddTicks(_random.Next(0, 60_000_000) * 10L);
        if (_random.Next(4) == 0)
        {
            settled = settled.Date.AddHours(22).AddMinutes(_random.Next(0, 120));
        }

        return settled;
    }

    private string Region() => _random.Next(8) == 0 ? "NULL" : $"'{LedgerSchema.Regions[_random.Next(5)]}'";

    private string Channel() => LedgerSchema.Channels[_random.Next(4)];

    private string Qty() => _random.Next(7) == 0 ? "NULL" : _random.Next(-5, 50).ToString(CultureInfo.InvariantCulture);

    /// <summary>Mostly small, sometimes near 2^62, so that sums pass the 64-bit range.</summary>
    private string Units() => (_random.Next(10) == 0
        ? _random.NextInt64(3_000_000_000_000_000_000L, long.MaxValue / 2)
        : _random.NextInt64(-1000, 100_000)).ToString(CultureInfo.InvariantCulture);

    private string Amount() =>
        (_random.NextInt64(-500_000, 99_999_999) / 1000m).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Eighths, so that every sum of them is exact in binary floating point and in MariaDB's DOUBLE.</summary>
    private string Score() => (_random.Next(-80_000, 80_000) / 8.0).ToString("R", CultureInfo.InvariantCulture);

    private static string Text(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, MySqlTransaction? transaction = null)
    {
        await using var command = new MySqlCommand(sql, _connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long?> ScalarAsync(string sql, MySqlTransaction transaction)
    {
        await using var command = new MySqlCommand(sql, _connection, transaction);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private async Task<List<long>> IdsAsync(string sql, MySqlTransaction transaction)
    {
        await using var command = new MySqlCommand(sql, _connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
