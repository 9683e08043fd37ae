using System.Net.Sockets;
using Monolith.Binlog.Protocol;
using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

public sealed class ReconnectPolicyTests
{
    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(2, 0.0, 2000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(7, 0.0, 30000)]
    [InlineData(100, 0.0, 30000)]
    [InlineData(1, 1.0, 800)]
    [InlineData(3, 0.5, 3600)]
    public void Delay_doubles_per_attempt_up_to_the_cap_minus_the_jitter_share(int attempt, double draw,
        double expectedMilliseconds)
    {
        var options = ReplicationOptionsTests.Valid();
        options.ReconnectInitialDelay = TimeSpan.FromSeconds(1);
        options.ReconnectMaxDelay = TimeSpan.FromSeconds(30);
        options.ReconnectJitter = 0.2;
        var client = new ReplicationClient(options, new NullHandler());

        Assert.Equal(expectedMilliseconds, client.ReconnectDelay(attempt, draw).TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void Network_failures_are_retried_and_refusals_are_not()
    {
        Assert.True(ReplicationClient.IsTransient(new BinlogConnectionException("lost")));
        Assert.True(ReplicationClient.IsTransient(new BinlogTruncatedException("cut")));
        Assert.True(ReplicationClient.IsTransient(new IOException("reset")));
        Assert.True(ReplicationClient.IsTransient(new SocketException()));
        Assert.True(ReplicationClient.IsTransient(
            new BinlogServerException(1040, "08004", "Too many connections", "")));
        Assert.True(ReplicationClient.IsTransient(new BinlogServerException(1053, "08S01", "Server shutdown", "")));

        Assert.False(ReplicationClient.IsTransient(new BinlogAuthenticationException("denied")));
        Assert.False(ReplicationClient.IsTransient(new BinlogTlsException("bad certificate")));
        Assert.False(ReplicationClient.IsTransient(new BinlogPositionUnavailableException("purged", "f:4")));
        Assert.False(ReplicationClient.IsTransient(new BinlogServerChangedException("other server")));
        Assert.False(ReplicationClient.IsTransient(new BinlogServerException(1236, "HY000", "purged", "")));
        Assert.False(ReplicationClient.IsTransient(new BinlogFormatException("bad event")));
        Assert.False(ReplicationClient.IsTransient(new InvalidOperationException("handler bug")));
    }

    private sealed class NullHandler : IBinlogEventHandler
    {
        public void OnEvent(ReadOnlySpan<byte> eventBytes)
        {
        }

        public ResumePoint? GetResumePoint() => null;

        public void OnConnectionLost(Exception reason)
        {
        }
    }
}
