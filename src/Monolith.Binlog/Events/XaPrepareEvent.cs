using Monolith.Binlog.Primitives;

namespace Monolith.Binlog.Events;

/// <summary>
/// XA_PREPARE_LOG_EVENT (type 38): ends the first phase of an XA transaction (<c>XA PREPARE</c>), or the whole
/// transaction for <c>XA COMMIT ... ONE PHASE</c>.
/// </summary>
/// <param name="OnePhase">Whether the transaction committed in one phase.</param>
/// <param name="FormatId">The XID's format id.</param>
/// <param name="GlobalTransactionId">The XID's gtrid bytes.</param>
/// <param name="BranchQualifier">The XID's bqual bytes.</param>
public sealed record XaPrepareEvent(bool OnePhase, int FormatId, byte[] GlobalTransactionId, byte[] BranchQualifier)
{
    private const int MaxPartLength = 64;

    /// <summary>Reads the event from its body.</summary>
    /// <exception cref="BinlogFormatException">The body is malformed.</exception>
    public static XaPrepareEvent Read(ReadOnlySpan<byte> body, BinlogPosition? position = null)
    {
        var reader = new SpanReader(body, "XA_PREPARE", position);
        var onePhase = reader.ReadUInt8("one phase") != 0;
        var formatId = (int)reader.ReadUInt32("format id");
        var gtridLength = reader.ReadUInt32("gtrid length");
        var bqualLength = reader.ReadUInt32("bqual length");
        if (gtridLength > MaxPartLength || bqualLength > MaxPartLength)
        {
            reader.Fail($"XID part lengths {gtridLength}/{bqualLength} exceed {MaxPartLength}");
        }

        var gtrid = reader.ReadBytes((int)gtridLength, "gtrid").ToArray();
        var bqual = reader.ReadBytes((int)bqualLength, "bqual").ToArray();
        return new XaPrepareEvent(onePhase, formatId, gtrid, bqual);
    }
}
