using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Keys;
using Arcanum.Mpc.Protocol;
using Arcanum.Node.Sessions;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Sessions;

/// <summary>The strict decoders behind a reshare's key data and the stored FROST share.</summary>
public sealed class KeyResultsTests
{
    private static readonly PartyId[] Parties = [new(1), new(2), new(4), new(7)];

    [Fact]
    public void FromThenTryDecode_RoundTrips()
    {
        var key = Deal().GroupKey;
        var result = KeyResults.From(key, 5);

        Assert.Equal(5UL, result.Epoch);
        Assert.True(KeyResults.TryDecode<Secp256k1Point, Secp256k1Scalar>(result, out var decoded, out var error), error);
        Assert.Equal(key.PublicKey, decoded.PublicKey);
        Assert.Equal(key.VerificationShares, decoded.VerificationShares);
        Assert.Equal(key.Threshold, decoded.Threshold);
        Assert.Equal(key.ChainCode.ToArray(), decoded.ChainCode.ToArray());
    }

    public static TheoryData<string, Action<KeyResult>> Tamperings => new()
    {
        { "interpolate", r => r.VerificationShares[3].Point = r.VerificationShares[0].Point },
        { "interpolate", r => r.PublicKey = r.VerificationShares[0].Point },
        { "out of order", r => (r.VerificationShares[0].Party, r.VerificationShares[1].Party) = (r.VerificationShares[1].Party, r.VerificationShares[0].Party) },
        { "out of order", r => r.VerificationShares[1].Party = r.VerificationShares[0].Party },
        { "malformed", r => r.VerificationShares[2].Point = ByteString.CopyFrom(new byte[33]) },
        { "malformed", r => r.VerificationShares[2].Party = 0 },
        { "outside 2 ≤ t ≤ n", r => r.Threshold = 1 },
        { "outside 2 ≤ t ≤ n", r => r.Threshold = 5 },
        { "chain code", r => r.ChainCode = ByteString.CopyFrom(new byte[31]) },
        { "public key", r => r.PublicKey = ByteString.CopyFrom(r.PublicKey.Span[1..]) },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void TryDecode_InconsistentKeyData_FailsWithTheReason(string reason, Action<KeyResult> tamper)
    {
        var result = KeyResults.From(Deal().GroupKey, 1);
        tamper(result);

        Assert.False(KeyResults.TryDecode<Secp256k1Point, Secp256k1Scalar>(result, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_KeyOfAnotherCurve_Fails() =>
        Assert.False(KeyResults.TryDecode<Ed25519Point, Ed25519Scalar>(KeyResults.From(Deal().GroupKey, 1), out _, out _));

    [Fact]
    public void KeyShareCodec_RoundTrips()
    {
        using var share = Deal();
        Assert.True(KeyShareCodec.TryDecode<Secp256k1Point, Secp256k1Scalar>(KeyShareCodec.Encode(share), out var decoded, out var error), error);
        Assert.Equal(share.Id, decoded.Id);
        Assert.Equal(share.Secret, decoded.Secret);
        Assert.Equal(share.GroupKey.VerificationShares, decoded.GroupKey.VerificationShares);
    }

    [Fact]
    public void KeyShareCodec_SecretNotMatchingItsVerificationShare_Fails()
    {
        using var share = Deal();
        var record = Arcanum.Mpc.Wire.FrostKeyShareRecord.Parser.ParseFrom(KeyShareCodec.Encode(share));
        record.Party = Parties[1].Value;

        Assert.False(KeyShareCodec.TryDecode<Secp256k1Point, Secp256k1Scalar>(record.ToByteArray(), out _, out var error));
        Assert.Contains("does not match", error, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyShareCodec_NonCanonicalOrGarbage_Fails()
    {
        using var share = Deal();
        var encoded = KeyShareCodec.Encode(share);
        Assert.False(KeyShareCodec.TryDecode<Secp256k1Point, Secp256k1Scalar>([.. encoded, 0x08, 0x01], out _, out var error));
        Assert.Equal("not a canonical FrostKeyShareRecord", error);
        Assert.False(KeyShareCodec.TryDecode<Secp256k1Point, Secp256k1Scalar>(encoded.AsSpan(0, encoded.Length / 2), out _, out _));
        Assert.False(KeyShareCodec.TryDecode<Ed25519Point, Ed25519Scalar>(encoded, out _, out _));
    }

    private static KeyShare<Secp256k1Point, Secp256k1Scalar> Deal()
    {
        var rng = new DeterministicRandom(9);
        var shares = TrustedDealer.Deal<Secp256k1Point, Secp256k1Scalar>(Secp256k1Scalar.Random(rng), 3, Parties, rng);
        foreach (var other in shares.Skip(1))
        {
            other.Dispose();
        }

        return shares[0];
    }
}
