using Arcanum.Crypto.Signatures;

namespace Arcanum.Client.Ledger;

/// <summary>
/// What a client trusts to check ledger answers: the committee's Ed25519 group public key and the chain id every
/// header is signed for (<see cref="Arcanum.Ledger.Blocks.BlockHeader.SigningBytes"/>). The coordinator's word is not
/// enough: the key comes from the user or from a pin made on first use (docs/cli.md, "Ledger trust").
/// </summary>
/// <param name="CommitteeKey">The committee's public key.</param>
/// <param name="ChainId">The chain id.</param>
public sealed record LedgerTrustAnchor(Ed25519PublicKey CommitteeKey, string ChainId);
