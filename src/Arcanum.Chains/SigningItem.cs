namespace Arcanum.Chains;

/// <summary>Which signature a chain expects for one item, and so which key scheme may produce it.</summary>
public enum SignatureKind
{
    /// <summary>ECDSA over a 32-byte digest, 64-byte r ‖ s with low s plus the recovery id (ecdsa-secp256k1 keys).</summary>
    EcdsaSecp256k1,

    /// <summary>BIP340 Schnorr over a 32-byte BIP341 sighash, under the taproot output key (frost-taproot keys).</summary>
    Bip340Taproot,

    /// <summary>Ed25519 over the message bytes (frost-ed25519 keys).</summary>
    Ed25519,
}

/// <summary>
/// One thing the threshold key must sign for a transaction: the exact bytes (a 32-byte digest for the
/// secp256k1 kinds, the whole message for Ed25519) and the kind of signature. A chain adapter turns an
/// unsigned transaction into items, and the items' signatures back into the signed transaction;
/// signing itself is always the threshold protocol.
/// </summary>
public sealed record SigningItem(ReadOnlyMemory<byte> Payload, SignatureKind Kind);
