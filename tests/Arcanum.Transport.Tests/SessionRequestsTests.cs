using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport.Tests;

public sealed class SessionRequestsTests : IDisposable
{
    private readonly Ed25519PrivateKey _coordinator = Ed25519PrivateKey.Generate(new DeterministicRandom(30));
    private readonly Ed25519PrivateKey _impostor = Ed25519PrivateKey.Generate(new DeterministicRandom(31));

    [Fact]
    public void SignThenTryVerify_ValidRequest_ReturnsTheSameRequest()
    {
        var request = ValidRequest();
        var signed = SessionRequests.Sign(request, _coordinator);

        Assert.True(SessionRequests.TryVerify(signed, _coordinator.PublicKey, out var verified, out var error), error);
        Assert.Equal(request, verified);
        Assert.True(_coordinator.PublicKey.Verify([.. "arcanum/v1/session-request"u8, .. signed.Request.Span], signed.Signature.Span));
    }

    [Fact]
    public void TryVerify_WrongCoordinatorKey_IsRefused()
    {
        var signed = SessionRequests.Sign(ValidRequest(), _coordinator);

        Assert.False(SessionRequests.TryVerify(signed, _impostor.PublicKey, out var request, out var error));
        Assert.Null(request);
        Assert.Contains("signature does not verify", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryVerify_TamperedBytes_IsRefused(bool tamperRequest)
    {
        var signed = SessionRequests.Sign(ValidRequest(), _coordinator);
        var target = (tamperRequest ? signed.Request : signed.Signature).ToByteArray();
        target[^1] ^= 0x01;
        if (tamperRequest)
        {
            signed.Request = ByteString.CopyFrom(target);
        }
        else
        {
            signed.Signature = ByteString.CopyFrom(target);
        }

        Assert.False(SessionRequests.TryVerify(signed, _coordinator.PublicKey, out _, out var error));
        Assert.Contains("signature does not verify", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> StructuralRules => new()
    {
        { "session-id-15-bytes", "session_id must be 16 bytes, not 15" },
        { "kind-unspecified", "kind 0 is not a session kind" },
        { "kind-undefined", "kind 99 is not a session kind" },
        { "scheme-unspecified", "scheme 0 is not a key scheme" },
        { "scheme-undefined", "scheme 77 is not a key scheme" },
        { "key-id-empty", "key_id must be 1 to 64 characters" },
        { "key-id-65-characters", "key_id must be 1 to 64 characters" },
        { "key-id-slash", "key_id must be 1 to 64 characters" },
        { "key-id-non-ascii", "key_id must be 1 to 64 characters" },
        { "parties-empty", "parties is empty" },
        { "parties-descending", "parties must be ascending and distinct (3 then 2)" },
        { "parties-repeated", "parties must be ascending and distinct (2 then 2)" },
        { "parties-zero", "parties[0] = 0 is not a node id" },
        { "parties-65536", "parties[2] = 65536 is not a node id" },
        { "parties-256", "parties has 256 entries" },
        { "dealers-descending", "dealers must be ascending and distinct" },
        { "dealers-zero", "dealers[0] = 0 is not a node id" },
        { "new-parties-repeated", "new_parties must be ascending and distinct" },
        { "new-parties-256", "new_parties has 256 entries" },
        { "message-over-64-kib", "message of 65537 bytes exceeds 65536" },
        { "path-256-indices", "path has 256 indices" },
        { "taproot-on-ed25519", "taproot is only for signing with a frost-taproot key" },
        { "taproot-on-refresh", "taproot is only for signing with a frost-taproot key" },
        { "taproot-root-31-bytes", "taproot is only for signing with a frost-taproot key" },
    };

    [Theory]
    [MemberData(nameof(StructuralRules))]
    public void TryVerify_RequestBreaksAStructuralRule_IsRefusedWithTheRule(string rule, string expected)
    {
        var request = ValidRequest();
        Break(request, rule);
        var signed = SignedByHand(request.ToByteArray());

        Assert.False(SessionRequests.TryVerify(signed, _coordinator.PublicKey, out var verified, out var error));
        Assert.Null(verified);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => SessionRequests.Sign(request, _coordinator));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void TryVerify_TaprootSpendOnATaprootSignRequest_IsAccepted(int merkleRootLength)
    {
        var request = ValidRequest();
        request.Scheme = KeyScheme.FrostTaproot;
        request.Taproot = new TaprootSpend { MerkleRoot = ByteString.CopyFrom(new byte[merkleRootLength]) };

        Assert.True(SessionRequests.TryVerify(SessionRequests.Sign(request, _coordinator), _coordinator.PublicKey, out var verified, out var error), error);
        Assert.Equal(merkleRootLength, verified!.Taproot.MerkleRoot.Length);
    }

    [Fact]
    public void TryVerify_SeveralRulesBroken_ReportsEveryOne()
    {
        var request = ValidRequest();
        Break(request, "kind-unspecified");
        Break(request, "key-id-slash");

        Assert.False(SessionRequests.TryVerify(SignedByHand(request.ToByteArray()), _coordinator.PublicKey, out _, out var error));
        Assert.Contains("kind 0", error, StringComparison.Ordinal);
        Assert.Contains("key_id", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-field")]
    [InlineData("repeated-field")]
    [InlineData("truncated")]
    public void TryVerify_SignedButNonCanonicalEncoding_IsRefused(string mutation)
    {
        var encoded = ValidRequest().ToByteArray();
        byte[] mutated = mutation switch
        {
            // Field 31, varint 0: unknown to SessionRequest.
            "unknown-field" => [.. encoded, 0xf8, 0x01, 0x00],
            // key_id written a second time: protobuf keeps the last, but the bytes are not canonical.
            "repeated-field" => [.. encoded, 0x1a, 0x01, (byte)'k'],
            _ => encoded[..^1],
        };

        Assert.False(SessionRequests.TryVerify(SignedByHand(mutated), _coordinator.PublicKey, out _, out var error));
        Assert.Contains("canonical", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _coordinator.Dispose();
        _impostor.Dispose();
    }

    internal static SessionRequest ValidRequest() => new()
    {
        SessionId = ByteString.CopyFrom(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()),
        Kind = SessionKind.Sign,
        KeyId = "treasury_hot-01",
        Scheme = KeyScheme.FrostEd25519,
        Threshold = 2,
        Parties = { 1, 2, 3 },
        Epoch = 1,
        Message = ByteString.CopyFromUtf8("pay 1 coin"),
        Path = { 0, 7 },
        IssuedAtMs = 1_700_000_000_000,
        RoundTimeoutMs = 30_000,
    };

    private static void Break(SessionRequest request, string rule)
    {
        switch (rule)
        {
            case "session-id-15-bytes": request.SessionId = ByteString.CopyFrom(new byte[15]); break;
            case "kind-unspecified": request.Kind = SessionKind.Unspecified; break;
            case "kind-undefined": request.Kind = (SessionKind)99; break;
            case "scheme-unspecified": request.Scheme = KeyScheme.Unspecified; break;
            case "scheme-undefined": request.Scheme = (KeyScheme)77; break;
            case "key-id-empty": request.KeyId = ""; break;
            case "key-id-65-characters": request.KeyId = new string('k', 65); break;
            case "key-id-slash": request.KeyId = "../vault"; break;
            case "key-id-non-ascii": request.KeyId = "kéy"; break;
            case "parties-empty": request.Parties.Clear(); break;
            case "parties-descending": request.Parties[2] = 2; request.Parties[1] = 3; break;
            case "parties-repeated": request.Parties[2] = 2; break;
            case "parties-zero": request.Parties[0] = 0; break;
            case "parties-65536": request.Parties[2] = 65536; break;
            case "parties-256": request.Parties.Clear(); request.Parties.Add(Enumerable.Range(1, 256).Select(i => (uint)i)); break;
            case "dealers-descending": request.Dealers.Add([2, 1]); break;
            case "dealers-zero": request.Dealers.Add([0, 1]); break;
            case "new-parties-repeated": request.NewParties.Add([4, 4]); break;
            case "new-parties-256": request.NewParties.Add(Enumerable.Range(1, 256).Select(i => (uint)i)); break;
            case "message-over-64-kib": request.Message = ByteString.CopyFrom(new byte[65537]); break;
            case "path-256-indices": request.Path.Add(Enumerable.Range(0, 254).Select(i => (uint)i)); break;
            case "taproot-on-ed25519": request.Taproot = new TaprootSpend(); break;
            case "taproot-on-refresh": request.Scheme = KeyScheme.FrostTaproot; request.Kind = SessionKind.Refresh; request.Taproot = new TaprootSpend(); break;
            case "taproot-root-31-bytes": request.Scheme = KeyScheme.FrostTaproot; request.Taproot = new TaprootSpend { MerkleRoot = ByteString.CopyFrom(new byte[31]) }; break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown rule");
        }
    }

    private SignedSessionRequest SignedByHand(byte[] encoded) => new()
    {
        Request = ByteString.CopyFrom(encoded),
        Signature = ByteString.CopyFrom(_coordinator.Sign([.. "arcanum/v1/session-request"u8, .. encoded])),
    };
}
