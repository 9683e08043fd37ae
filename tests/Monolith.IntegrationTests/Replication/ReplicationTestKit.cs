using System.Buffers.Binary;
using Monolith.Binlog.Protocol.Tls;
using Monolith.Binlog.Replication;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Replication;

/// <summary>Options and waiting helpers shared by the replication tests.</summary>
internal static class ReplicationTestKit
{
    private static int s_nextServerId = 5000;

    public static ReplicationOptions Options(PrivateMariaDb server, string start, int? port = null) => new()
    {
        Host = server.Host,
        Port = port ?? server.Port,
        User = server.User,
        Password = server.Password,
        ServerId = (uint)Interlocked.Increment(ref s_nextServerId),
        Start = start,
        TlsMode = TlsMode.Disabled,
        HeartbeatPeriod = TimeSpan.FromSeconds(1),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    public static string NewDatabase() => "repl_" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Polls until the condition holds, or fails naming what was awaited.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null,
        Task? running = null)
    {
        await WaitUntilAsync(condition, () => what, timeout, running);
    }

    /// <summary>Polls until the condition holds; the description is computed when the wait fails.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> what, TimeSpan? timeout = null,
        Task? running = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (running is { IsCompleted: true })
            {
                await running;
                throw new InvalidOperationException($"The client stopped before {what()}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what()}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Cancels a running client and waits for it to end, expecting the cancellation.</summary>
    public static async Task StopAsync(CancellationTokenSource cancellation, Task running)
    {
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    public static uint NextPosition(byte[] eventBytes) =>
        BinaryPrimitives.ReadUInt32LittleEndian(eventBytes.AsSpan(13));
}
