using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Vss;
using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Mpc.Wire;
using Google.Protobuf;

namespace Arcanum.Mpc.Ecdsa;

/// <summary>
/// The stored form of an <see cref="EcdsaKeyShare"/> (<c>EcdsaKeyShareRecord</c> in
/// proto/arcanum/v1/ecdsa.proto), which the node seals before it writes it anywhere. Decoding
/// checks everything a share must satisfy and never throws: canonical encoding, valid points, s_i·G
/// equal to this party's Y_i, 2 ≤ t ≤ n ≤ 16, and pairwise state for exactly the other parties.
/// </summary>
public static class EcdsaKeyShareCodec
{
    /// <summary>The encoding; it contains the secret share and OT state, so the caller zeroes it after sealing.</summary>
    public static byte[] Encode(EcdsaKeyShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        var key = share.GroupKey;
        var record = new EcdsaKeyShareRecord
        {
            Party = share.Id.Value,
            SecretShare = ByteString.CopyFrom(EcdsaPresigning.Encode(share.Share.Secret)),
            PublicKey = ByteString.CopyFrom(EcdsaTranscript.Point(key.PublicKey)),
            Threshold = (uint)key.Threshold,
            ChainCode = ByteString.CopyFrom(key.ChainCode),
        };
        record.VerificationShares.AddRange(key.VerificationShares.Select(v => new EcdsaVerificationShare
        {
            Party = v.Key.Value,
            Point = ByteString.CopyFrom(EcdsaTranscript.Point(v.Value)),
        }));
        record.Pairs.AddRange(share.Pairs.Select(p => new EcdsaPairState
        {
            Party = p.Counterparty.Value,
            ZeroSeed = ByteString.CopyFrom(p.ZeroSeed),
            OtReceiverSetup = ByteString.CopyFrom(p.AsReceiver.Encode()),
            OtSenderSetup = ByteString.CopyFrom(p.AsSender.Encode()),
        }));
        return record.ToByteArray();
    }

    /// <summary>Reads <see cref="Encode"/>'s output; false, with the reason, for anything that is not a consistent share.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, out EcdsaKeyShare? share, out string error)
    {
        share = null;
        if (!WireDecoding.TryParse(encoded, EcdsaKeyShareRecord.Parser, out var record))
        {
            error = "not a canonical EcdsaKeyShareRecord";
            return false;
        }

        error = TryReadKey(record, out var keyShare) ?? string.Empty;
        if (keyShare is null)
        {
            return false;
        }

        var pairs = new List<PairState>();
        foreach (var pair in record.Pairs)
        {
            if (!PartyId.TryCreate(pair.Party, out var counterparty) || pair.ZeroSeed.Length != PairState.ZeroSeedLength
                || !OtExtensionReceiverSetup.TryDecode(pair.OtReceiverSetup.Span, out var receiver)
                || !OtExtensionSenderSetup.TryDecode(pair.OtSenderSetup.Span, out var sender))
            {
                pairs.ForEach(p => p.Dispose());
                keyShare.Dispose();
                error = $"the pairwise state with party {pair.Party} is malformed";
                return false;
            }

            pairs.Add(new PairState(counterparty, pair.ZeroSeed.Span, receiver!, sender!));
        }

        var others = keyShare.GroupKey.Parties.Where(p => p != keyShare.Id);
        if (!pairs.Select(p => p.Counterparty).SequenceEqual(others))
        {
            pairs.ForEach(p => p.Dispose());
            keyShare.Dispose();
            error = "the pairwise state must cover exactly the other parties, ascending";
            return false;
        }

        share = new EcdsaKeyShare(keyShare, pairs);
        return true;
    }

    private static string? TryReadKey(EcdsaKeyShareRecord record, out KeyShare<Secp256k1Point, Secp256k1Scalar>? share)
    {
        share = null;
        if (!PartyId.TryCreate(record.Party, out var self) || !Secp256k1Point.TryDecode(record.PublicKey.Span, out var publicKey)
            || record.ChainCode.Length != GroupKey<Secp256k1Point, Secp256k1Scalar>.ChainCodeLength)
        {
            return "the party, public key or chain code is malformed";
        }

        var count = record.VerificationShares.Count;
        if (count is < 2 or > EcdsaKeygen.MaxParties || record.Threshold < 2 || record.Threshold > count)
        {
            return $"{record.Threshold}-of-{count} is outside 2 ≤ t ≤ n ≤ {EcdsaKeygen.MaxParties}";
        }

        var verificationShares = new SortedDictionary<PartyId, Secp256k1Point>();
        foreach (var entry in record.VerificationShares)
        {
            if (!PartyId.TryCreate(entry.Party, out var party) || !Secp256k1Point.TryDecode(entry.Point.Span, out var point)
                || !verificationShares.TryAdd(party, point))
            {
                return $"the verification share of party {entry.Party} is malformed or repeated";
            }
        }

        // PK must be the interpolation at zero of the first t verification shares.
        var interpolating = verificationShares.Keys.Take((int)record.Threshold).ToArray();
        var identifiers = interpolating.Select(p => p.ToScalar<Secp256k1Scalar>()).ToArray();
        var lambdas = identifiers.Select(x => Lagrange.CoefficientAtZero(x, identifiers)).ToArray();
        if (Secp256k1Point.MultiScalarMultiply(lambdas, interpolating.Select(p => verificationShares[p]).ToArray()) != publicKey)
        {
            return "the verification shares do not interpolate to the public key";
        }

        if (!Secp256k1Scalar.TryDecode(record.SecretShare.Span, out var secret)
            || !verificationShares.TryGetValue(self, out var own) || Secp256k1Point.MultiplyBase(secret) != own)
        {
            return "the secret share does not match this party's verification share";
        }

        share = new KeyShare<Secp256k1Point, Secp256k1Scalar>(
            self, secret, new GroupKey<Secp256k1Point, Secp256k1Scalar>(publicKey, verificationShares, (int)record.Threshold, record.ChainCode.Span));
        secret = default;
        return null;
    }
}
