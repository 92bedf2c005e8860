using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Dkg;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Keys;

/// <summary>
/// The stored form of a FROST <see cref="KeyShare{TPoint, TScalar}"/> (<c>FrostKeyShareRecord</c> in
/// proto/arcanum/v1/keys.proto), which the node seals before it writes it anywhere. Decoding checks
/// everything a share must satisfy and never throws: canonical encoding, valid points and scalars,
/// 2 ≤ t ≤ n ≤ <see cref="FrostDkg.MaxParties"/>, verification shares ascending by party and all on
/// one polynomial of degree t − 1 whose value at zero is PK (so every t of them interpolate to PK,
/// RFC 9591 §4.2), and s_i·G = Y_i for this party.
/// </summary>
public static class KeyShareCodec
{
    /// <summary>The encoding; it contains the secret share, so the caller zeroes it after sealing.</summary>
    public static byte[] Encode<TPoint, TScalar>(KeyShare<TPoint, TScalar> share)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(share);
        var key = share.GroupKey;
        var secret = new byte[TScalar.EncodedLength];
        share.Secret.Encode(secret);
        var record = new FrostKeyShareRecord
        {
            Party = share.Id.Value,
            SecretShare = ByteString.CopyFrom(secret),
            PublicKey = ByteString.CopyFrom(PointEncoding.ToArray<TPoint, TScalar>(key.PublicKey)),
            Threshold = (uint)key.Threshold,
            ChainCode = ByteString.CopyFrom(key.ChainCode),
        };
        CryptographicOperations.ZeroMemory(secret);
        record.VerificationShares.AddRange(key.VerificationShares.Select(v => new FrostVerificationShare
        {
            Party = v.Key.Value,
            Point = ByteString.CopyFrom(PointEncoding.ToArray<TPoint, TScalar>(v.Value)),
        }));
        return record.ToByteArray();
    }

    /// <summary>Reads <see cref="Encode"/>'s output; false, with the reason, for anything that is not a consistent share.</summary>
    public static bool TryDecode<TPoint, TScalar>(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out KeyShare<TPoint, TScalar>? share, out string error)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        share = null;
        if (!WireDecoding.TryParse(encoded, FrostKeyShareRecord.Parser, out var record))
        {
            error = "not a canonical FrostKeyShareRecord";
            return false;
        }

        if (!PartyId.TryCreate(record.Party, out var self))
        {
            error = $"the party {record.Party} is not a valid identifier";
            return false;
        }

        var points = record.VerificationShares.Select(v => (v.Party, v.Point.Memory)).ToArray();
        if (!TryReadGroupKey<TPoint, TScalar>(record.PublicKey.Span, points, record.Threshold, record.ChainCode.Span, out var groupKey, out error))
        {
            return false;
        }

        if (!TScalar.TryDecode(record.SecretShare.Span, out var secret)
            || !groupKey.VerificationShares.TryGetValue(self, out var own) || TPoint.MultiplyBase(secret) != own)
        {
            error = "the secret share does not match this party's verification share";
            return false;
        }

        share = new KeyShare<TPoint, TScalar>(self, secret, groupKey);
        secret = default;
        return true;
    }

    /// <summary>
    /// Builds the public data of a key from wire fields (a stored share, or a KeyResult the
    /// coordinator relays) and checks it as <see cref="TryDecode"/> describes; false, with the
    /// reason, for anything inconsistent. Never throws.
    /// </summary>
    public static bool TryReadGroupKey<TPoint, TScalar>(
        ReadOnlySpan<byte> publicKey,
        IReadOnlyList<(uint Party, ReadOnlyMemory<byte> Point)> verificationShares,
        uint threshold,
        ReadOnlySpan<byte> chainCode,
        [NotNullWhen(true)] out GroupKey<TPoint, TScalar>? groupKey,
        out string error)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        ArgumentNullException.ThrowIfNull(verificationShares);
        groupKey = null;
        if (!TPoint.TryDecode(publicKey, out var pk))
        {
            error = $"the public key is not a valid {TPoint.EncodedLength}-byte point";
            return false;
        }

        if (chainCode.Length != GroupKey<TPoint, TScalar>.ChainCodeLength)
        {
            error = $"the chain code is {chainCode.Length} bytes, not {GroupKey<TPoint, TScalar>.ChainCodeLength}";
            return false;
        }

        var count = verificationShares.Count;
        if (count is < 2 or > FrostDkg.MaxParties || threshold < 2 || threshold > count)
        {
            error = $"{threshold}-of-{count} is outside 2 ≤ t ≤ n ≤ {FrostDkg.MaxParties}";
            return false;
        }

        var parties = new PartyId[count];
        var points = new TPoint[count];
        for (var i = 0; i < count; i++)
        {
            var (party, point) = verificationShares[i];
            if (!PartyId.TryCreate(party, out parties[i]) || (i > 0 && parties[i] <= parties[i - 1])
                || !TPoint.TryDecode(point.Span, out points[i]))
            {
                error = $"the verification share of party {party} is malformed, repeated or out of order";
                return false;
            }
        }

        if (!OnePolynomialThroughKey<TPoint, TScalar>(pk, parties, points, (int)threshold))
        {
            error = "the verification shares do not interpolate to the public key";
            return false;
        }

        groupKey = new GroupKey<TPoint, TScalar>(pk, parties.Zip(points).ToDictionary(e => e.First, e => e.Second), (int)threshold, chainCode);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// True when PK and every Y_j lie on one polynomial of degree t − 1 (f(0) = PK, f(j) = Y_j):
    /// the first t shares interpolate to PK at zero, and so does the first t − 1 with each later
    /// share — two polynomials of degree t − 1 agreeing on t points are equal, so every Y_j is on
    /// the first one, and then any t of them interpolate to PK.
    /// </summary>
    private static bool OnePolynomialThroughKey<TPoint, TScalar>(TPoint publicKey, PartyId[] parties, TPoint[] points, int threshold)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        for (var extra = threshold - 1; extra < parties.Length; extra++)
        {
            int[] subset = [.. Enumerable.Range(0, threshold - 1), extra];
            var identifiers = subset.Select(i => parties[i].ToScalar<TScalar>()).ToArray();
            var lambdas = identifiers.Select(x => Lagrange.CoefficientAtZero(x, identifiers)).ToArray();
            if (TPoint.MultiScalarMultiply(lambdas, subset.Select(i => points[i]).ToArray()) != publicKey)
            {
                return false;
            }
        }

        return true;
    }
}
