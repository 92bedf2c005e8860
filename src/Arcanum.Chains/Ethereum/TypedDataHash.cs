namespace Arcanum.Chains.Ethereum;

/// <summary>The hashes of one EIP-712 typed-data request.</summary>
/// <param name="DomainSeparator">hashStruct(EIP712Domain, domain).</param>
/// <param name="MessageHash">hashStruct(primaryType, message); null when the primary type is EIP712Domain itself.</param>
/// <param name="Digest">Keccak-256(0x19 0x01 ‖ domainSeparator ‖ messageHash), the value that is signed.</param>
public sealed record TypedDataHash(byte[] DomainSeparator, byte[]? MessageHash, byte[] Digest)
{
    /// <summary>What the threshold key signs; the result is encoded with <see cref="EthereumSignature.Encode"/>.</summary>
    public SigningItem SigningItem() => new(Digest, SignatureKind.EcdsaSecp256k1);
}
