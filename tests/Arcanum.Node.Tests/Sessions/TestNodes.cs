using Arcanum.Mpc.Protocol;
using Arcanum.Node.Sessions;
using Arcanum.Node.Vault;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Sessions;

/// <summary>
/// Nodes with real vaults and ledgers in a temporary directory, and a tiny message loop that starts
/// every party's run through <see cref="SessionProtocols.Default"/> and delivers each run's outgoing
/// messages to the others (broadcast to every other run, unicast to its recipient) until all finish.
/// </summary>
internal sealed class TestNodes : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly Dictionary<int, (NodeServices Services, MasterKey Key)> _nodes = [];
    private readonly ulong _seed;
    private ulong _sessions;

    public TestNodes(ulong seed) => _seed = seed;

    public NodeServices Node(int id)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            var directory = Path.Combine(_root.Path, $"node{id}");
            Directory.CreateDirectory(directory);
            var rng = new DeterministicRandom((_seed * 1000) + (ulong)id);
            var key = MasterKey.CreateKeyFile(Path.Combine(directory, "master.key"), rng);
            var services = new NodeServices(
                new PartyId(id), new ShareVault(Path.Combine(directory, "vault"), key, (uint)id), new ConsumptionLedger(Path.Combine(directory, "ledger")), rng);
            _nodes[id] = node = (services, key);
        }

        return node.Services;
    }

    /// <summary>Gives node <paramref name="id"/> a copy of the ledger (the sessions it runs from now on see it).</summary>
    public void AttachChain(int id, Arcanum.Node.Ledger.LedgerReplica chain)
    {
        var services = Node(id);
        _nodes[id] = (services with { Chain = chain }, _nodes[id].Key);
    }

    public string VaultDirectory(int id) => Path.Combine(_root.Path, $"node{id}", "vault");

    /// <summary>A request with a fresh session id.</summary>
    public SessionRequest Request(SessionKind kind, KeyScheme scheme, string keyId, uint threshold, int[] parties, ulong epoch = 0)
    {
        var session = new byte[SessionId.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(session, _seed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(session.AsSpan(8), ++_sessions);
        var request = new SessionRequest
        {
            SessionId = ByteString.CopyFrom(session),
            Kind = kind,
            KeyId = keyId,
            Scheme = scheme,
            Threshold = threshold,
            Epoch = epoch,
        };
        request.Parties.AddRange(parties.Select(p => (uint)p));
        return request;
    }

    /// <summary>
    /// Starts every party (each must accept), runs the session to the end, and returns each party's
    /// report (parties still waiting when no message is left report nothing); <paramref name="tamper"/>, if given, may replace each message in transit.
    /// </summary>
    public Dictionary<int, SessionReport> Run(SessionRequest request, Func<ProtocolMessage, ProtocolMessage>? tamper = null)
    {
        var runs = new Dictionary<PartyId, IProtocolRun>();
        try
        {
            foreach (var party in request.Parties)
            {
                var run = SessionProtocols.Default.TryStart(request, Node((int)party), out var refusal);
                Assert.True(run is not null, $"node {party} refused: {refusal}");
                runs[new PartyId((int)party)] = run;
            }

            var queue = new Queue<ProtocolMessage>(runs.Values.SelectMany(r => r.InitialMessages));
            while (queue.TryDequeue(out var sent))
            {
                var message = tamper?.Invoke(sent) ?? sent;
                var recipients = message.To is { } to ? [to] : runs.Keys.Where(p => p != message.From);
                foreach (var recipient in recipients.Where(runs.ContainsKey))
                {
                    foreach (var reply in runs[recipient].Receive(message))
                    {
                        queue.Enqueue(reply);
                    }
                }
            }

            // A party still waiting (its peers aborted) would be cancelled by the coordinator: no report.
            return runs.Where(r => r.Value.Status != RunStatus.Running).ToDictionary(r => (int)r.Key.Value, r => r.Value.Finish());
        }
        finally
        {
            foreach (var run in runs.Values)
            {
                run.Dispose();
            }
        }
    }

    /// <summary>Runs and asserts that every party reported the same key; returns it.</summary>
    public KeyResult RunForKey(SessionRequest request)
    {
        var reports = Run(request);
        Assert.Equal(request.Parties.Count, reports.Count);
        foreach (var report in reports.Values)
        {
            Assert.True(report.OutcomeCase == SessionReport.OutcomeOneofCase.Key, $"expected a key, got {report}");
        }

        var key = reports.Values.First().Key;
        Assert.All(reports.Values, r => Assert.Equal(key, r.Key));
        return key;
    }

    /// <summary>Runs a signing session and asserts that every signer reported the same signature; returns it.</summary>
    public SignatureResult RunForSignature(SessionRequest request)
    {
        var reports = Run(request);
        Assert.Equal(request.Parties.Count, reports.Count);
        foreach (var report in reports.Values)
        {
            Assert.True(report.OutcomeCase == SessionReport.OutcomeOneofCase.Signature, $"expected a signature, got {report}");
        }

        var signature = reports.Values.First().Signature;
        Assert.All(reports.Values, r => Assert.Equal(signature, r.Signature));
        return signature;
    }

    /// <summary>The refusal of node <paramref name="id"/> (asserting it refuses).</summary>
    public string Refusal(SessionRequest request, int id)
    {
        using var run = SessionProtocols.Default.TryStart(request, Node(id), out var refusal);
        Assert.Null(run);
        return refusal;
    }

    public void Dispose()
    {
        foreach (var (services, key) in _nodes.Values)
        {
            services.Ledger.Dispose();
            key.Dispose();
        }

        _root.Dispose();
    }
}
