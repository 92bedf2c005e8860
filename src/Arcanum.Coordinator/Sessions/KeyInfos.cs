using Arcanum.Client.Contracts;
using Arcanum.Storage;

namespace Arcanum.Coordinator.Sessions;

/// <summary>A stored key as the API shows it: hex strings; frost-taproot keys as their 32-byte x-only form (BIP340).</summary>
public static class KeyInfos
{
    public static KeyInfo From(KeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var publicKey = key.Scheme == KeySchemes.FrostTaproot && key.PublicKey.Length == 33 ? key.PublicKey.AsSpan(1) : key.PublicKey;
        return new KeyInfo(key.Id, key.Name, key.Scheme, key.Threshold, key.Parties, Convert.ToHexStringLower(publicKey),
            Convert.ToHexStringLower(key.ChainCode), key.Epoch, key.CreatedAt);
    }
}
