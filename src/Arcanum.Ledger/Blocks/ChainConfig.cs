using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Modules.Accounts;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// What identifies a chain: its genesis document (which names the chain id) and the committee's ledger key — the
/// Ed25519 group public key made by DKG at genesis. The key is configuration, not part of any header: every header
/// of the chain is signed by it.
/// </summary>
public sealed record ChainConfig
{
    /// <summary>The genesis document. Required.</summary>
    public required GenesisDocument Genesis { get; init; }

    /// <summary>The committee's Ed25519 public key (32 bytes). Required.</summary>
    public required Ed25519PublicKey CommitteeKey { get; init; }

    /// <summary>The chain id, from the genesis document.</summary>
    public string ChainId => Genesis.ChainId;
}
