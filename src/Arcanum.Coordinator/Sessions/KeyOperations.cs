using System.Security.Cryptography;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Api;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Frost;
using Arcanum.Storage;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Coordinator.Sessions;

/// <summary>
/// The cluster operations behind the REST API: keygen over n connected nodes, signing over a
/// t-subset (retried once without the faulty nodes when n &gt; t), refresh, reshare and destroy. Every
/// result the nodes return is checked here before it is stored or returned: keygen/refresh/reshare
/// reports must agree byte for byte, and a signature must verify under the key the coordinator
/// derives itself.
/// </summary>
internal sealed class KeyOperations : IKeyOperations
{
    private readonly SessionOrchestrator _sessions;
    private readonly ClusterHub _hub;
    private readonly ICoordinatorStore _store;
    private readonly TimeProvider _time;
    private readonly RandomNumberGenerator _rng;
    private readonly Lock _rngGate = new();
    private readonly DerivedKeyCache _derivedKeys = new();

    public KeyOperations(SessionOrchestrator sessions, ClusterHub hub, ICoordinatorStore store, TimeProvider time, RandomNumberGenerator rng)
    {
        _sessions = sessions;
        _hub = hub;
        _store = store;
        _time = time;
        _rng = rng;
        _sessions.HelloReceived = (node, hello) => _ = DestroyLeftoversAsync(node, hello);
    }

    public async Task<KeyInfo> CreateKeyAsync(string name, string scheme, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        var connected = _hub.Connected;
        if (connected.Count < partyCount)
        {
            throw NotEnoughNodes(partyCount, connected.Count, "parties");
        }

        var parties = connected.Take(partyCount).ToList();
        var keyId = Guid.CreateVersion7().ToString();
        var request = new SessionRequest { Kind = SessionKind.Keygen, KeyId = keyId, Scheme = SchemeOf(scheme), Threshold = (uint)threshold, Approval = approval };
        request.Parties.Add(parties.Select(p => (uint)p));
        var result = await _sessions.RunAsync(request, parties, "keygen", null, AgreeOnKey, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw result.ToProblem("Key generation");
        }

        var key = AgreedKey(result);
        var record = new KeyRecord(keyId, name, scheme, threshold, parties, key.PublicKey.ToByteArray(), key.ChainCode.ToByteArray(), (long)key.Epoch,
            key.ToByteArray(), _time.GetUtcNow(), null);
        try
        {
            await _store.InsertKeyAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException)
        {
            throw new ApiProblemException(409, "key-name-taken", "Key name in use", $"A live key is already named '{name}'.", "name");
        }

        // Read back: the store keeps times to the millisecond, and the API shows what it stored.
        return ApiMapping.ToKeyInfo(await _store.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false) ?? record);
    }

    public async Task<SignResponse> SignAsync(string keyId, byte[] payload, IReadOnlyList<uint> path, TaprootTweak? taproot, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        var publicKey = _derivedKeys.PublicKey(key, path)
            ?? throw new ApiProblemException(400, "invalid-derivation", "No key at this path", "The path has no valid child key; BIP32 says to use the next index.", "path");
        if (taproot is not null)
        {
            publicKey = SchemeVerifier.TaprootOutputKey(key.Scheme, publicKey, taproot)
                ?? throw new ApiProblemException(400, "invalid-taproot", "No taproot output key", $"A {key.Scheme} key has no BIP341 output key to sign under.", "chain");
        }

        var excluded = new HashSet<int>();
        SessionResult? first = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var signers = PickSigners(key, excluded);
            if (signers is null)
            {
                throw first?.ToProblem("Signing") ?? NotEnoughNodes(key.Threshold, key.Parties.Count(_hub.IsConnected), "id");
            }

            var request = new SessionRequest
            {
                Kind = SessionKind.Sign, KeyId = key.Id, Scheme = SchemeOf(key.Scheme), Threshold = (uint)key.Threshold, Epoch = (ulong)key.Epoch,
                Message = ByteString.CopyFrom(payload), Approval = approval,
            };
            request.Parties.Add(signers.Select(p => (uint)p));
            request.Path.Add(path);
            if (taproot is not null)
            {
                request.Taproot = new TaprootSpend { MerkleRoot = ByteString.CopyFrom(taproot.MerkleRoot.Span) };
            }

            var result = await _sessions.RunAsync(request, signers, "sign", first?.SessionId,
                reports => CheckSignature(key.Scheme, publicKey, payload, reports), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return Response(key.Scheme, publicKey, result);
            }

            first ??= result;
            excluded.UnionWith(result.Faulty);
            if (key.Parties.Count <= key.Threshold)
            {
                break;
            }
        }

        throw first!.ToProblem("Signing");
    }

    public async Task<KeyInfo> RefreshAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        RequireConnected(key.Parties, "every share holder must be connected to refresh");
        var request = KeyRequest(key, SessionKind.Refresh);
        request.Parties.Add(key.Parties.Select(p => (uint)p));
        var result = await _sessions.RunAsync(request, key.Parties, "refresh", null, reports => AgreeOnSameKey(key, reports), cancellationToken).ConfigureAwait(false);
        return await AdvanceAsync(key, result, "Refresh", cancellationToken).ConfigureAwait(false);
    }

    public async Task<KeyInfo> ReshareAsync(string keyId, int threshold, int partyCount, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        var dealers = key.Parties.Where(_hub.IsConnected).Take(key.Threshold).ToList();
        if (dealers.Count < key.Threshold)
        {
            throw NotEnoughNodes(key.Threshold, dealers.Count, "id");
        }

        // Current holders first, so a reshare moves as few shares as it can.
        var connected = _hub.Connected;
        var newParties = connected.OrderBy(n => key.Parties.Contains(n) ? 0 : 1).ThenBy(n => n).Take(partyCount).Order().ToList();
        if (newParties.Count < partyCount)
        {
            throw NotEnoughNodes(partyCount, connected.Count, "parties");
        }

        var request = KeyRequest(key, SessionKind.Reshare);
        request.Approval = approval;
        var parties = dealers.Union(newParties).Order().ToList();
        request.Parties.Add(parties.Select(p => (uint)p));
        request.Dealers.Add(dealers.Select(p => (uint)p));
        request.NewParties.Add(newParties.Select(p => (uint)p));
        request.NewThreshold = (uint)threshold;
        request.Key = KeyResult.Parser.ParseFrom(key.VerificationShares);
        var result = await _sessions.RunAsync(request, parties, "reshare", null, reports => AgreeOnSameKey(key, reports), cancellationToken).ConfigureAwait(false);
        var info = await AdvanceAsync(key, result, "Reshare", cancellationToken).ConfigureAwait(false);
        var leavers = key.Parties.Except(newParties).ToList();
        if (leavers.Count > 0)
        {
            await DestroySharesAsync(key, leavers, approval: null, cancellationToken).ConfigureAwait(false);
        }

        return info;
    }

    public async Task DestroyAsync(string keyId, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        var key = await LiveKeyAsync(keyId, cancellationToken).ConfigureAwait(false);

        // Tombstone first: no new session starts for the key; holders that are offline destroy their
        // shares when they next connect (their hello lists them).
        if (!await _store.DestroyKeyAsync(key.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw UnknownKey(keyId);
        }

        await DestroySharesAsync(key, [.. key.Parties.Where(_hub.IsConnected)], approval, cancellationToken).ConfigureAwait(false);
    }

    private async Task DestroySharesAsync(KeyRecord key, IReadOnlyList<int> holders, ApprovalEvidence? approval, CancellationToken cancellationToken)
    {
        if (holders.Count == 0)
        {
            return;
        }

        var request = KeyRequest(key, SessionKind.Destroy);
        request.Approval = approval;
        request.Parties.Add(holders.Select(p => (uint)p));
        await _sessions.RunAsync(request, holders, "destroy", null, _ => null, cancellationToken).ConfigureAwait(false);
    }

    private async Task DestroyLeftoversAsync(int node, NodeHello hello)
    {
        foreach (var keyId in hello.Shares.Select(s => s.KeyId).Distinct())
        {
            var key = await _store.GetKeyAsync(keyId, CancellationToken.None).ConfigureAwait(false);
            if (key is { DestroyedAt: not null } || (key is not null && !key.Parties.Contains(node)))
            {
                await DestroySharesAsync(key, [node], approval: null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<KeyInfo> AdvanceAsync(KeyRecord key, SessionResult result, string what, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            throw result.ToProblem(what);
        }

        var agreed = AgreedKey(result);
        var parties = agreed.VerificationShares.Select(s => (int)s.Party).ToList();
        var update = new KeyEpochUpdate((long)agreed.Epoch, (int)agreed.Threshold, parties, agreed.ToByteArray());
        if (!await _store.AdvanceKeyEpochAsync(key.Id, key.Epoch, update, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiProblemException(409, "key-changed", "Key changed meanwhile", $"Key {key.Id} was destroyed or changed epoch during the {what.ToLowerInvariant()}.", "id");
        }

        return ApiMapping.ToKeyInfo(key with { Epoch = update.Epoch, Threshold = update.Threshold, Parties = parties, VerificationShares = update.VerificationShares });
    }

    private List<int>? PickSigners(KeyRecord key, HashSet<int> excluded)
    {
        var candidates = key.Parties.Where(p => _hub.IsConnected(p) && !excluded.Contains(p)).ToArray();
        if (candidates.Length < key.Threshold)
        {
            return null;
        }

        // A random t-subset spreads the load over the holders.
        lock (_rngGate)
        {
            for (var i = candidates.Length - 1; i > 0; i--)
            {
                var j = RandomIndex(i + 1);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            }
        }

        return [.. candidates.Take(key.Threshold).Order()];
    }

    private int RandomIndex(int exclusiveMax)
    {
        Span<byte> bytes = stackalloc byte[4];
        _rng.GetBytes(bytes);
        return (int)(BitConverter.ToUInt32(bytes) % (uint)exclusiveMax);
    }

    private static SessionEnd.Aborted? CheckSignature(string scheme, byte[] publicKey, byte[] payload, IReadOnlyDictionary<int, SessionReport> reports)
    {
        var wrong = reports.Where(r => r.Value.OutcomeCase != SessionReport.OutcomeOneofCase.Signature
            || !SchemeVerifier.Verify(scheme, publicKey, payload, r.Value.Signature.Signature.ToByteArray())).Select(r => r.Key).Order().ToList();
        return wrong.Count == 0 ? null : new SessionEnd.Aborted("the returned signature does not verify under the key", wrong);
    }

    private static SessionEnd.Aborted? AgreeOnKey(IReadOnlyDictionary<int, SessionReport> reports)
    {
        if (reports.Values.Any(r => r.OutcomeCase != SessionReport.OutcomeOneofCase.Key))
        {
            return new SessionEnd.Aborted("a party reported no key", [.. reports.Where(r => r.Value.OutcomeCase != SessionReport.OutcomeOneofCase.Key).Select(r => r.Key)]);
        }

        var majority = reports.Values.GroupBy(r => r.Key).OrderByDescending(g => g.Count()).First().Key;
        var dissent = reports.Where(r => !r.Value.Key.Equals(majority)).Select(r => r.Key).Order().ToList();
        return dissent.Count == 0 ? null : new SessionEnd.Aborted("parties disagree on the resulting key", dissent);
    }

    private static SessionEnd.Aborted? AgreeOnSameKey(KeyRecord key, IReadOnlyDictionary<int, SessionReport> reports)
    {
        if (AgreeOnKey(reports) is { } disagreement)
        {
            return disagreement;
        }

        var agreed = reports.Values.First().Key;
        return agreed.PublicKey.Span.SequenceEqual(key.PublicKey) && agreed.ChainCode.Span.SequenceEqual(key.ChainCode) && agreed.Epoch == (ulong)key.Epoch + 1
            ? null
            : new SessionEnd.Aborted("the new shares do not belong to the same key", []);
    }

    private static KeyResult AgreedKey(SessionResult result) => ((SessionEnd.Completed)result.End).Reports.Values.First().Key;

    private static SignResponse Response(string scheme, byte[] publicKey, SessionResult result)
    {
        var signature = ((SessionEnd.Completed)result.End).Reports.Values.First().Signature;
        var bytes = signature.Signature.ToByteArray();
        var response = new SignResponse(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(publicKey), result.SessionId);
        if (scheme != KeySchemes.EcdsaSecp256k1)
        {
            return response;
        }

        Span<byte> der = stackalloc byte[Secp256k1Ecdsa.MaxDerSignatureLength];
        _ = Secp256k1Ecdsa.TryConvertCompactToDer(bytes, der, out var derLength);
        return response with
        {
            R = Convert.ToHexStringLower(bytes.AsSpan(0, 32)),
            S = Convert.ToHexStringLower(bytes.AsSpan(32, 32)),
            RecoveryId = (int)signature.RecoveryId,
            Der = Convert.ToHexStringLower(der[..derLength]),
        };
    }

    private async Task<KeyRecord> LiveKeyAsync(string keyId, CancellationToken cancellationToken) =>
        await _store.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false) is { DestroyedAt: null } key ? key : throw UnknownKey(keyId);

    private void RequireConnected(IReadOnlyList<int> nodes, string why)
    {
        var missing = nodes.Where(n => !_hub.IsConnected(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ApiProblemException(503, "nodes-unavailable", "Nodes not connected", $"Nodes {string.Join(", ", missing)} are not connected; {why}.");
        }
    }

    private static SessionRequest KeyRequest(KeyRecord key, SessionKind kind) => new()
    {
        Kind = kind, KeyId = key.Id, Scheme = SchemeOf(key.Scheme), Threshold = (uint)key.Threshold, Epoch = (ulong)key.Epoch,
    };

    private static KeyScheme SchemeOf(string scheme) => scheme switch
    {
        KeySchemes.FrostEd25519 => KeyScheme.FrostEd25519,
        KeySchemes.FrostSecp256k1 => KeyScheme.FrostSecp256K1,
        KeySchemes.FrostTaproot => KeyScheme.FrostTaproot,
        KeySchemes.EcdsaSecp256k1 => KeyScheme.EcdsaSecp256K1,
        _ => throw new ApiProblemException(400, "unknown-scheme", "Unknown scheme", $"Unknown scheme '{scheme}'.", "scheme"),
    };

    private static ApiProblemException UnknownKey(string keyId) =>
        new(404, "unknown-key", "Key not found", $"No live key has id '{keyId}'.", "id");

    private static ApiProblemException NotEnoughNodes(int needed, int connected, string field) =>
        new(503, "not-enough-nodes", "Not enough nodes connected", $"This needs {needed} connected nodes; {connected} are connected.", field);
}
