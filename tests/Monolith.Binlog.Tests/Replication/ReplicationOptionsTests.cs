using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

public sealed class ReplicationOptionsTests
{
    [Fact]
    public void Valid_options_pass()
    {
        Valid().Validate();
    }

    [Fact]
    public void Every_invalid_option_is_named_in_one_message()
    {
        var options = Valid();
        options.ServerId = 0;
        options.Port = 70000;
        options.Start = "yesterday";
        options.HeartbeatPeriod = TimeSpan.FromSeconds(10);
        options.HeartbeatTimeout = TimeSpan.FromSeconds(5);
        options.ReconnectJitter = 1.5;

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("ServerId is 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Port 70000", error.Message, StringComparison.Ordinal);
        Assert.Contains("Start 'yesterday'", error.Message, StringComparison.Ordinal);
        Assert.Contains("HeartbeatTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReconnectJitter 1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeat_timeout_defaults_to_three_periods()
    {
        var options = Valid();
        options.HeartbeatPeriod = TimeSpan.FromSeconds(2);

        Assert.Equal(TimeSpan.FromSeconds(6), options.EffectiveHeartbeatTimeout);
    }

    internal static ReplicationOptions Valid() => new()
    {
        Host = "127.0.0.1",
        Port = 3306,
        User = "monolith",
        Password = "secret",
        ServerId = 4201,
        Start = "earliest",
    };
}
