using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hashing;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// Every hash input of the ECDSA protocols, each under its own label (ARCHITECTURE §3 "Domain
/// separation"), so a value computed for one purpose, session or pair is useless for another.
/// </summary>
internal static class EcdsaTranscript
{
    /// <summary>Binds the base OTs in which <paramref name="extensionReceiver"/> is the OT-extension receiver toward <paramref name="extensionSender"/>.</summary>
    public static byte[] BaseOt(SessionId session, PartyId extensionReceiver, PartyId extensionSender) =>
        DomainSeparation.Encode("arcanum/v1/ecdsa/base-ot", session.ToArray(), Id(extensionReceiver), Id(extensionSender));

    /// <summary>
    /// Binds one multiplication of a signing run: the session, the vector-OLE sender and receiver,
    /// and the (derived) public key being signed for.
    /// </summary>
    public static byte[] Multiplication(SessionId session, PartyId sender, PartyId receiver, Secp256k1Point publicKey) =>
        DomainSeparation.Encode("arcanum/v1/ecdsa/multiplication", session.ToArray(), Id(sender), Id(receiver), Point(publicKey));

    /// <summary>The pair's zero-sharing seed: both contributions, lower party first, bound to the setup session.</summary>
    public static byte[] ZeroSeed(SessionId session, PartyId self, ReadOnlySpan<byte> own, PartyId other, ReadOnlySpan<byte> theirs)
    {
        var (low, high) = self < other ? (own.ToArray(), theirs.ToArray()) : (theirs.ToArray(), own.ToArray());
        var (lowId, highId) = self < other ? (self, other) : (other, self);
        var encoded = DomainSeparation.Encode("arcanum/v1/ecdsa/zero-seed", session.ToArray(), Id(lowId), Id(highId), low, high);
        try
        {
            return SHA256.HashData(encoded);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
            CryptographicOperations.ZeroMemory(low);
            CryptographicOperations.ZeroMemory(high);
        }
    }

    /// <summary>
    /// ζ_i of DKLs23 Functionality 3.4 (F_Zero) for one signing run: Σ_j ±PRF(seed_ij, session ‖ signers),
    /// + when i &lt; j and − otherwise, so the ζ_i of all signers sum to zero.
    /// PRF = HMAC-SHA-512, reduced mod n.
    /// </summary>
    public static Secp256k1Scalar ZeroShare(EcdsaKeyShare share, ProtocolContext signing)
    {
        var input = DomainSeparation.Encode("arcanum/v1/ecdsa/zero-share", signing.Session.ToArray(), Ids(signing.Parties));
        Span<byte> output = stackalloc byte[HMACSHA512.HashSizeInBytes];
        var sum = Secp256k1Scalar.Zero;
        foreach (var other in signing.Others)
        {
            HMACSHA512.HashData(share.Pair(other).ZeroSeed, input, output);
            var term = Secp256k1Scalar.FromBytesReduced(output);
            sum = signing.Self < other ? sum + term : sum - term;
        }

        CryptographicOperations.ZeroMemory(output);
        return sum;
    }

    /// <summary>The commitment to R_i (DKLs23 Protocol 3.6 step 1): SHA-256 over session, party, R_i and a 32-byte salt.</summary>
    public static byte[] InstanceCommitment(SessionId session, PartyId party, Secp256k1Point instancePoint, ReadOnlySpan<byte> salt) =>
        SHA256.HashData(DomainSeparation.Encode("arcanum/v1/ecdsa/instance-commitment", session.ToArray(), Id(party), Point(instancePoint), salt.ToArray()));

    /// <summary>The ledger id of a presignature: session, party and its instance point.</summary>
    public static Frost.NonceId PresignatureId(SessionId session, PartyId party, Secp256k1Point instancePoint) =>
        Frost.NonceId.Hash("arcanum/v1/ecdsa/presignature-id", session.ToArray(), Id(party), Point(instancePoint));

    public static byte[] Point(Secp256k1Point point)
    {
        var encoded = new byte[Secp256k1Point.CompressedLength];
        point.Encode(encoded);
        return encoded;
    }

    private static byte[] Id(PartyId party)
    {
        var encoded = new byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(encoded, party.Value);
        return encoded;
    }

    private static byte[] Ids(IEnumerable<PartyId> parties) => [.. parties.SelectMany(Id)];
}
