using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Derivation;

/// <summary>
/// BIP32 CKDpub ("Public parent key → public child key") for secp256k1 keys, including those the
/// Taproot suite signs with (derivation comes first, the BIP341 tweak applies to the derived key):
/// I = HMAC-SHA512(Key = c_par, Data = serP(K_par) ‖ ser32(i)), I_L = parse256(I[0..32]) must be
/// &lt; n, child key K_par + I_L·G, child chain code I[32..64]. The input is BIP32's exact byte
/// string, not Arcanum's length-prefixed domain-separated encoding (a flagged departure from
/// ARCHITECTURE §3, required for interoperability with every BIP32 wallet).
/// </summary>
public sealed class Bip32Secp256k1 : IDerivationScheme<Secp256k1Point, Secp256k1Scalar>
{
    private Bip32Secp256k1()
    {
    }

    public static Bip32Secp256k1 Instance { get; } = new();

    public bool TryDeriveStep(Secp256k1Point parentKey, ReadOnlySpan<byte> chainCode, uint index, out Secp256k1Scalar tweak, Span<byte> childChainCode)
    {
        DerivationPath.EnsureNonHardened(index);
        Span<byte> data = stackalloc byte[Secp256k1Point.CompressedLength + sizeof(uint)];
        parentKey.Encode(data);
        BinaryPrimitives.WriteUInt32BigEndian(data[Secp256k1Point.CompressedLength..], index);
        Span<byte> i = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(chainCode, data, i);
        i[32..].CopyTo(childChainCode);

        // Secp256k1Scalar.TryDecode is parse256 with the BIP32 check I_L < n.
        return Secp256k1Scalar.TryDecode(i[..32], out tweak);
    }
}
