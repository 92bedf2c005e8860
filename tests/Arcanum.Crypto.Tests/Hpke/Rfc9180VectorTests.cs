using System.Globalization;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Hpke;

namespace Arcanum.Crypto.Tests.Hpke;

/// <summary>
/// RFC 9180 Appendix A.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM) and A.2 (… ChaCha20Poly1305),
/// all four modes each: every listed key, KEM output, key-schedule value, encryption and export, from both the
/// sender's and the recipient's side.
/// </summary>
public sealed class Rfc9180VectorTests
{
    private static readonly IReadOnlyList<Rfc9180Vector> Vectors = Rfc9180Vectors.Load();

    public static TheoryData<string> Sections => [.. Vectors.Select(vector => vector.Section)];

    [Fact]
    public void Load_AppendixA1AndA2_HasEveryModeOfBothSuites()
    {
        Assert.Equal(
            ["A.1.1", "A.1.2", "A.1.3", "A.1.4", "A.2.1", "A.2.2", "A.2.3", "A.2.4"],
            Vectors.Select(vector => vector.Section));
        Assert.All(Vectors, vector =>
        {
            Assert.Equal(6, vector.Encryptions.Count);
            Assert.Equal(3, vector.Exports.Count);
        });
        Assert.Equal(48, Vectors.Sum(vector => vector.Encryptions.Count));
        Assert.Equal(24, Vectors.Sum(vector => vector.Exports.Count));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void DeriveKeyPair_Rfc9180AppendixA_GivesListedKeys(string section)
    {
        var vector = Find(section);
        foreach (var role in vector.Setup.ContainsKey("ikmS") ? new[] { "E", "R", "S" } : ["E", "R"])
        {
            using var key = DhKemX25519Sha256.DeriveKeyPair(vector.Bytes($"ikm{role}"));

            Assert.Equal(vector.Bytes($"sk{role}m"), key.Secret.ToArray());
            Assert.Equal(vector.Bytes($"pk{role}m"), key.PublicKey.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void EncapsulateDecapsulate_Rfc9180AppendixA_GiveListedSharedSecret(string section)
    {
        var vector = Find(section);
        using var keys = VectorKeys.Derive(vector);
        var sent = new byte[32];
        var received = new byte[32];

        Assert.Equal(HpkeError.None, DhKemX25519Sha256.Encapsulate(keys.Ephemeral, keys.Recipient.PublicKey, keys.Sender, sent));
        Assert.Equal(HpkeError.None, DhKemX25519Sha256.Decapsulate(vector.Bytes("enc"), keys.Recipient, keys.Sender?.PublicKey, received));

        Assert.Equal(vector.Bytes("enc"), keys.Ephemeral.PublicKey.ToArray());
        Assert.Equal(vector.Bytes("shared_secret"), sent);
        Assert.Equal(vector.Bytes("shared_secret"), received);
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void KeySchedule_Rfc9180AppendixA_GivesListedValues(string section)
    {
        var vector = Find(section);

        var error = HpkeKeySchedule.TryDerive(Suite(vector), Mode(vector), vector.Bytes("shared_secret"),
            vector.Bytes("info"), vector.OptionalBytes("psk"), vector.OptionalBytes("psk_id"), out var schedule);

        Assert.Equal(HpkeError.None, error);
        using (schedule)
        {
            Assert.Equal(vector.Bytes("key_schedule_context"), schedule!.KeyScheduleContext);
            Assert.Equal(vector.Bytes("secret"), schedule.Secret);
            Assert.Equal(vector.Bytes("key"), schedule.Key);
            Assert.Equal(vector.Bytes("base_nonce"), schedule.BaseNonce);
            Assert.Equal(vector.Bytes("exporter_secret"), schedule.ExporterSecret);
        }
    }

    /// <summary>
    /// Seals every sequence number from 0 to 256 (the RFC's aad is "Count-" and the number), checks the listed
    /// nonce and ct at 0, 1, 2, 4, 255 and 256, and opens each ciphertext with the recipient's context, which
    /// the public per-mode setup created from the listed enc.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sections))]
    public void SealOpen_Rfc9180AppendixA_GiveListedNoncesAndCiphertexts(string section)
    {
        var vector = Find(section);
        using var keys = VectorKeys.Derive(vector);
        using var sender = SetupSender(vector, keys);
        using var recipient = SetupRecipient(vector, keys);
        var listed = vector.Encryptions.ToDictionary(
            encryption => int.Parse(encryption["sequence number"], NumberStyles.None, CultureInfo.InvariantCulture));
        var plaintext = Convert.FromHexString(vector.Encryptions[0]["pt"]);
        var nonce = new byte[12];
        var checkedCount = 0;

        for (var sequence = 0; sequence <= listed.Keys.Max(); sequence++)
        {
            var aad = System.Text.Encoding.UTF8.GetBytes($"Count-{sequence}");
            sender.ComputeNonce((UInt128)sequence, nonce);
            var ciphertext = sender.Seal(aad, plaintext);
            if (listed.TryGetValue(sequence, out var encryption))
            {
                Assert.Equal(Convert.FromHexString(encryption["aad"]), aad);
                Assert.Equal(Convert.FromHexString(encryption["pt"]), plaintext);
                Assert.Equal(Convert.FromHexString(encryption["nonce"]), nonce);
                Assert.Equal(Convert.FromHexString(encryption["ct"]), ciphertext);
                checkedCount++;
            }

            Assert.True(recipient.TryOpen(aad, ciphertext, out var opened, out var error), $"seq {sequence}: {error}");
            Assert.Equal(plaintext, opened);
        }

        Assert.Equal(6, checkedCount);
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Export_Rfc9180AppendixA_GivesListedValuesOnBothSides(string section)
    {
        var vector = Find(section);
        using var keys = VectorKeys.Derive(vector);
        using var sender = SetupSender(vector, keys);
        using var recipient = SetupRecipient(vector, keys);

        foreach (var export in vector.Exports)
        {
            var context = Convert.FromHexString(export["exporter_context"]);
            var length = int.Parse(export["L"], NumberStyles.None, CultureInfo.InvariantCulture);
            var expected = Convert.FromHexString(export["exported_value"]);

            Assert.Equal(expected, sender.Export(context, length));
            Assert.Equal(expected, recipient.Export(context, length));
        }
    }

    private static Rfc9180Vector Find(string section) => Vectors.Single(vector => vector.Section == section);

    private static HpkeMode Mode(Rfc9180Vector vector) => (HpkeMode)vector.Number("mode");

    private static HpkeSuite Suite(Rfc9180Vector vector)
    {
        Assert.Equal(DhKemX25519Sha256.KemId, vector.Number("kem_id"));
        Assert.Equal(HpkeSuite.KdfId, vector.Number("kdf_id"));
        return HpkeSuite.X25519Sha256((HpkeAead)vector.Number("aead_id"));
    }

    /// <summary>The sender through the internal setup that takes the ephemeral key derived from ikmE.</summary>
    private static HpkeSenderContext SetupSender(Rfc9180Vector vector, VectorKeys keys)
    {
        Assert.True(HpkeEncryption.TrySetupS(Suite(vector), Mode(vector), keys.Recipient.PublicKey,
            vector.Bytes("info"), vector.OptionalBytes("psk"), vector.OptionalBytes("psk_id"), keys.Sender,
            keys.Ephemeral, out var sender, out var error), error.ToString());
        Assert.Equal(vector.Bytes("enc"), sender.EncapsulatedKey);
        return sender;
    }

    /// <summary>The recipient through the public setup of the vector's mode.</summary>
    private static HpkeRecipientContext SetupRecipient(Rfc9180Vector vector, VectorKeys keys)
    {
        var suite = Suite(vector);
        var enc = vector.Bytes("enc");
        var info = vector.Bytes("info");
        HpkeRecipientContext? recipient;
        HpkeError error;
        var ok = Mode(vector) switch
        {
            HpkeMode.Base => HpkeEncryption.TrySetupBaseR(suite, enc, keys.Recipient, info, out recipient, out error),
            HpkeMode.Psk => HpkeEncryption.TrySetupPskR(suite, enc, keys.Recipient, info,
                vector.Bytes("psk"), vector.Bytes("psk_id"), out recipient, out error),
            HpkeMode.Auth => HpkeEncryption.TrySetupAuthR(suite, enc, keys.Recipient, info,
                X25519PublicKey.FromBytes(vector.Bytes("pkSm")), out recipient, out error),
            _ => HpkeEncryption.TrySetupAuthPskR(suite, enc, keys.Recipient, info,
                vector.Bytes("psk"), vector.Bytes("psk_id"), X25519PublicKey.FromBytes(vector.Bytes("pkSm")),
                out recipient, out error),
        };
        Assert.True(ok, error.ToString());
        return recipient!;
    }

    /// <summary>The key pairs DeriveKeyPair gives for ikmE, ikmR and (authenticated modes) ikmS.</summary>
    private sealed class VectorKeys : IDisposable
    {
        private VectorKeys(X25519PrivateKey ephemeral, X25519PrivateKey recipient, X25519PrivateKey? sender)
        {
            Ephemeral = ephemeral;
            Recipient = recipient;
            Sender = sender;
        }

        public X25519PrivateKey Ephemeral { get; }

        public X25519PrivateKey Recipient { get; }

        public X25519PrivateKey? Sender { get; }

        public static VectorKeys Derive(Rfc9180Vector vector) => new(
            DhKemX25519Sha256.DeriveKeyPair(vector.Bytes("ikmE")),
            DhKemX25519Sha256.DeriveKeyPair(vector.Bytes("ikmR")),
            vector.Setup.ContainsKey("ikmS") ? DhKemX25519Sha256.DeriveKeyPair(vector.Bytes("ikmS")) : null);

        public void Dispose()
        {
            Ephemeral.Dispose();
            Recipient.Dispose();
            Sender?.Dispose();
        }
    }
}
