using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.TestKit;
using static Arcanum.Crypto.Tests.Curves.Secp256k1TestValues;

namespace Arcanum.Crypto.Tests.Signatures;

/// <summary>
/// Wycheproof ECDH over secp256k1 (C2SP/wycheproof testvectors_v1/ecdh_secp256k1_test.json,
/// schema ecdh_test_schema_v1, encoding "asn"): the peer key is a DER SubjectPublicKeyInfo, the
/// private key a big-endian integer, and the expected shared secret the raw x coordinate of d·Q
/// (SEC1 ECSVDP-DH) — so <see cref="Secp256k1PrivateKey.DeriveSharedXCoordinate"/> is tested, not
/// libsecp256k1's default SHA-256-of-the-compressed-point output.
/// </summary>
public sealed class WycheproofEcdhSecp256k1Tests
{
    /// <summary>
    /// Policy for "acceptable" vectors: a peer key is accepted only as a strict-DER SPKI naming the
    /// curve secp256k1 (no explicit curve parameters, no BER) holding a compressed or uncompressed
    /// point on the curve. Of the acceptable vectors that admits exactly the compressed-point ones;
    /// every other acceptable vector (InvalidAsn, UnnamedCurve/UnusedParam…) is refused.
    /// </summary>
    [Fact]
    public void DeriveSharedXCoordinate_EcdhSecp256k1_EveryVectorHasItsExpectedResult()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("wycheproof", "ecdh_secp256k1_test.json"));
        var root = document.RootElement;
        var failures = new List<string>();
        var executed = 0;
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            Assert.Equal("secp256k1", group.GetProperty("curve").GetString());
            Assert.Equal("asn", group.GetProperty("encoding").GetString());
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                executed++;
                var id = test.GetProperty("tcId").GetInt32();
                var result = test.GetProperty("result").GetString();
                var flags = test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
                var expectAccepted = result switch
                {
                    "valid" => true,
                    "invalid" => false,
                    "acceptable" => flags.Contains("CompressedPublic"),
                    _ => throw new InvalidDataException($"tcId {id}: unknown result '{result}'"),
                };

                var accepted = SubjectPublicKeyInfo.TryReadSecp256k1Point(Convert.FromHexString(test.GetProperty("public").GetString()!), out var encodedPoint)
                    && Secp256k1Point.TryDecodeAny(encodedPoint, out var peer)
                    && SharedSecretMatches(test, peer);

                if (accepted != expectAccepted)
                {
                    failures.Add($"tcId {id}: {result} {string.Join('/', flags)}: expected {(expectAccepted ? "the listed shared secret" : "rejection")}, got {(accepted ? "acceptance" : "rejection or a different secret")}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(root.GetProperty("numberOfTests").GetInt32(), executed);
    }

    private static bool SharedSecretMatches(JsonElement test, Secp256k1Point peer)
    {
        // The private key is an ASN.1-style integer: possibly a leading 00, possibly shorter than 32 bytes.
        var privateValue = ToBigInteger(Convert.FromHexString(test.GetProperty("private").GetString()!));
        using var key = Secp256k1PrivateKey.Import(ToBytes(privateValue));
        var shared = new byte[Secp256k1PrivateKey.SharedSecretLength];
        key.DeriveSharedXCoordinate(peer, shared);
        return Convert.ToHexStringLower(shared) == test.GetProperty("shared").GetString();
    }

    /// <summary>
    /// A strict reader for the one SubjectPublicKeyInfo shape accepted (RFC 5480 §2):
    /// SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID secp256k1 }, BIT STRING (0 unused bits) point },
    /// in DER: definite lengths in minimal form and nothing left over at any level.
    /// </summary>
    private static class SubjectPublicKeyInfo
    {
        private const byte Sequence = 0x30;
        private const byte ObjectIdentifier = 0x06;
        private const byte BitString = 0x03;

        private static ReadOnlySpan<byte> IdEcPublicKey => [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]; // 1.2.840.10045.2.1
        private static ReadOnlySpan<byte> Secp256k1Oid => [0x2b, 0x81, 0x04, 0x00, 0x0a]; // 1.3.132.0.10

        public static bool TryReadSecp256k1Point(ReadOnlySpan<byte> der, out byte[] point)
        {
            point = [];
            if (!TryRead(der, Sequence, out var spki, out var rest) || !rest.IsEmpty
                || !TryRead(spki, Sequence, out var algorithm, out var afterAlgorithm)
                || !TryRead(algorithm, ObjectIdentifier, out var algorithmOid, out var parameters)
                || !TryRead(parameters, ObjectIdentifier, out var curveOid, out var afterCurve) || !afterCurve.IsEmpty
                || !algorithmOid.SequenceEqual(IdEcPublicKey) || !curveOid.SequenceEqual(Secp256k1Oid)
                || !TryRead(afterAlgorithm, BitString, out var bits, out var afterBits) || !afterBits.IsEmpty
                || bits.IsEmpty || bits[0] != 0)
            {
                return false;
            }

            point = bits[1..].ToArray();
            return true;
        }

        private static bool TryRead(ReadOnlySpan<byte> input, byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> rest)
        {
            content = rest = default;
            if (input.Length < 2 || input[0] != tag)
            {
                return false;
            }

            int length, header;
            switch (input[1])
            {
                case < 0x80:
                    (length, header) = (input[1], 2);
                    break;
                case 0x81 when input.Length >= 3 && input[2] >= 0x80:
                    (length, header) = (input[2], 3);
                    break;
                case 0x82 when input.Length >= 4 && input[2] != 0:
                    (length, header) = ((input[2] << 8) | input[3], 4);
                    break;
                default:
                    return false;
            }

            if (input.Length - header < length)
            {
                return false;
            }

            content = input.Slice(header, length);
            rest = input[(header + length)..];
            return true;
        }
    }
}
