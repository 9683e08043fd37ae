using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Binlog;

/// <summary>
/// A private MariaDB that writes full row metadata into every TABLE_MAP (column names, signedness, character
/// sets, ENUM and SET labels) and compresses events of more than 10 bytes while <c>log_bin_compress</c> is on,
/// which the tests switch per statement group.
/// </summary>
public sealed class RowSettingsMariaDb : PrivateMariaDb, IAsyncLifetime
{
    public RowSettingsMariaDb()
        : base("binlog_row_metadata=FULL", "log_bin_compress_min_len=10")
    {
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
