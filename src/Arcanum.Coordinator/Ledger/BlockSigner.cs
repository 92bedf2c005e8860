using Arcanum.Coordinator.Sessions;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Storage;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Coordinator.Ledger;

/// <summary>The committee's signature over a block header, or why none was obtained (every attempt's session id and end).</summary>
internal sealed record BlockSigning(byte[]? Signature, IReadOnlyList<SessionResult> Attempts)
{
    /// <summary>One line for the log: each attempt's session and how it ended.</summary>
    public string Describe() => string.Join("; ", Attempts.Select(a => $"{a.SessionId}: {a.End switch
    {
        SessionEnd.Aborted x => "aborted, " + x.Reason,
        SessionEnd.TimedOut x => "timed out, " + x.Reason,
        _ => "completed",
    }}"));
}

/// <summary>
/// Runs the LEDGER_BLOCK session for one block (docs/ledger.md, "Sequencer"): every connected holder of the committee
/// key takes part; each re-executes the block and contributes to the FROST(Ed25519) signature over the header's
/// signing bytes only when it computes the same roots. The signature is checked (<see cref="CommitteeSignature.Verify"/>)
/// before it is accepted. A failed attempt is retried without the nodes that refused (an abort's culprits, or — when
/// it names none — the node that reported it) or did not answer, while at least t holders remain, up to
/// <see cref="MaxAttempts"/> attempts.
/// </summary>
internal sealed class BlockSigner(ICommitteeSessions sessions)
{
    /// <summary>The session kind recorded for these sessions.</summary>
    public const string SessionKindName = "ledger_block";

    /// <summary>Attempts per block before it is dropped.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Signs <paramref name="block"/>, child of <paramref name="parent"/> (null: genesis), with <paramref name="key"/>.</summary>
    public async Task<BlockSigning> SignAsync(KeyRecord key, string chainId, Block block, FinalizedHeader? parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(block);
        var committeeKey = Ed25519PublicKey.FromBytes(key.PublicKey);
        var proposal = new LedgerBlockProposal
        {
            Block = ByteString.CopyFrom(block.Encode()),
            Parent = parent is null ? ByteString.Empty : ByteString.CopyFrom(parent.Encode()),
            ChainId = chainId,
        };
        var excluded = new HashSet<int>();
        var attempts = new List<SessionResult>();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var parties = key.Parties.Where(p => sessions.IsConnected(p) && !excluded.Contains(p)).Order().ToList();
            if (parties.Count < key.Threshold)
            {
                break;
            }

            var request = new SessionRequest
            {
                Kind = SessionKind.LedgerBlock, KeyId = key.Id, Scheme = KeyScheme.FrostEd25519, Threshold = (uint)key.Threshold, Epoch = (ulong)key.Epoch,
                LedgerBlock = proposal,
            };
            request.Parties.Add(parties.Select(p => (uint)p));
            var result = await sessions.RunAsync(request, parties, SessionKindName, attempts.FirstOrDefault()?.SessionId,
                reports => Check(committeeKey, chainId, block.Header, reports), cancellationToken).ConfigureAwait(false);
            attempts.Add(result);
            if (result.End is SessionEnd.Completed completed)
            {
                return new BlockSigning(completed.Reports.Values.First().Signature.Signature.ToByteArray(), attempts);
            }

            excluded.UnionWith(Refusers(result.End));
        }

        return new BlockSigning(null, attempts);
    }

    /// <summary>The nodes a retry leaves out: the culprits an abort names, else its reporter (a refusal); the missing of a time-out.</summary>
    internal static IReadOnlyList<int> Refusers(SessionEnd end) => end switch
    {
        SessionEnd.Aborted { Culprits.Count: > 0 } a => a.Culprits,
        SessionEnd.Aborted { ReportedBy: { } reporter } => [reporter],
        SessionEnd.TimedOut t => t.Missing,
        _ => [],
    };

    /// <summary>Every report must carry a signature that verifies; otherwise the run aborts blaming nobody (FROST names a cheater itself).</summary>
    private static SessionEnd.Aborted? Check(Ed25519PublicKey committeeKey, string chainId, BlockHeader header, IReadOnlyDictionary<int, SessionReport> reports) =>
        reports.Values.All(r => r.OutcomeCase == SessionReport.OutcomeOneofCase.Signature
            && CommitteeSignature.Verify(committeeKey, chainId, header, r.Signature.Signature.Span))
            ? null
            : new SessionEnd.Aborted("the committee signature does not verify over the block header", []);
}
