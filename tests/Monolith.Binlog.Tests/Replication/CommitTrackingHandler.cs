using System.Buffers.Binary;
using System.Text;
using Monolith.Binlog.Replication;

namespace Monolith.Binlog.Tests.Replication;

/// <summary>
/// A minimal consumer: records events, follows ROTATE for the file name, and takes every XID as the end of a
/// committed transaction, which becomes the resume point.
/// </summary>
internal sealed class CommitTrackingHandler : IBinlogEventHandler
{
    private readonly object _gate = new();
    private string _file = "";
    private ResumePoint? _resumePoint;

    public List<byte[]> Events { get; } = [];

    public List<Exception> Losses { get; } = [];

    public List<ReplicationStreamStart> Starts { get; } = [];

    public int Commits { get; private set; }

    public TimeSpan BlockOnFirstEvent { get; set; }

    public void OnEvent(ReadOnlySpan<byte> eventBytes)
    {
        if (BlockOnFirstEvent > TimeSpan.Zero && Events.Count == 0)
        {
            Thread.Sleep(BlockOnFirstEvent);
        }

        lock (_gate)
        {
            Events.Add(eventBytes.ToArray());
            switch (eventBytes[4])
            {
                case TestEvents.Rotate:
                    _file = Encoding.ASCII.GetString(eventBytes[(19 + 8)..^4]);
                    break;
                case TestEvents.Xid:
                    Commits++;
                    _resumePoint = new ResumePoint(
                        new BinlogPosition(_file, BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[13..])));
                    break;
            }
        }
    }

    public ResumePoint? GetResumePoint()
    {
        lock (_gate)
        {
            return _resumePoint;
        }
    }

    public void OnConnectionLost(Exception reason)
    {
        lock (_gate)
        {
            Losses.Add(reason);
        }
    }

    public void OnStreamStarted(ReplicationStreamStart start)
    {
        lock (_gate)
        {
            Starts.Add(start);
        }
    }
}
