using Arcanum.Client.Contracts;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Api;

/// <summary>Store records → API bodies.</summary>
internal static class ApiMapping
{
    /// <summary>
    /// The key's public data. frost-taproot keys are stored as 33-byte compressed points and shown
    /// x-only (BIP340 §"Public Key Generation": 32 bytes, the prefix byte dropped).
    /// </summary>
    public static KeyInfo ToKeyInfo(KeyRecord key)
    {
        var publicKey = key.Scheme == KeySchemes.FrostTaproot && key.PublicKey.Length == 33 ? key.PublicKey.AsSpan(1) : key.PublicKey.AsSpan();
        return new KeyInfo(
            key.Id,
            key.Name,
            key.Scheme,
            key.Threshold,
            key.Parties,
            Convert.ToHexStringLower(publicKey),
            Convert.ToHexStringLower(key.ChainCode),
            key.Epoch,
            key.CreatedAt);
    }

    public static SessionInfo ToSessionInfo(SessionRecord session) => new(
        session.Id,
        session.Kind,
        session.KeyId,
        session.Parties,
        StatusName(session.Status),
        session.Reason,
        session.Culprits,
        session.Missing,
        session.RetryOf,
        session.CreatedAt,
        session.EndedAt);

    public static string StatusName(SessionStatus status) => status switch
    {
        SessionStatus.Running => "running",
        SessionStatus.Completed => "completed",
        SessionStatus.Aborted => "aborted",
        SessionStatus.TimedOut => "timed_out",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown session status"),
    };

    public static NodeInfo ToNodeInfo(NodeRecord node, bool connected) => new(node.Id, node.Name, connected, node.LastSeen, node.Version);
}
