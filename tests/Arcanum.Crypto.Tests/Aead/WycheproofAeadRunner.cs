using Arcanum.Crypto.Aead;

namespace Arcanum.Crypto.Tests.Aead;

/// <summary>
/// Runs every case of a Wycheproof AEAD file (aead_test_schema_v1) against one of our wrappers.
/// Cases inside our policy (32-byte key, 12-byte nonce, 16-byte tag) must encrypt to the expected
/// ciphertext and tag and decrypt when valid, and must fail to decrypt with a zeroed plaintext when
/// invalid. Cases outside it must be refused with <see cref="ArgumentException"/> — by the
/// constructor for a key of another size, by both operations for another nonce or tag size —
/// whatever the file's verdict, because refusing is our documented policy.
/// </summary>
internal static class WycheproofAeadRunner
{
    public static void RunAll(string file, Func<byte[], AeadCipher> create)
    {
        var vectors = WycheproofFile.Load(file);
        var failures = new List<string>();
        var executed = 0;
        foreach (var vector in vectors.Cases)
        {
            executed++;
            var failure = Run(vector, create);
            if (failure is not null)
            {
                failures.Add($"tcId {vector.TcId}: {failure}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(vectors.NumberOfTests, executed);
    }

    private static string? Run(WycheproofCase vector, Func<byte[], AeadCipher> create)
    {
        var key = vector.Bytes("key");
        var nonce = vector.Bytes("iv");
        var aad = vector.Bytes("aad");
        var message = vector.Bytes("msg");
        var ciphertext = vector.Bytes("ct");
        var tag = vector.Bytes("tag");

        if (key.Length != AeadCipher.KeySizeInBytes)
        {
            return Refuses(() => create(key).Dispose()) ? null : $"a {key.Length}-byte key was accepted";
        }

        using var cipher = create(key);
        if (nonce.Length != AeadCipher.NonceSizeInBytes || tag.Length != AeadCipher.TagSizeInBytes)
        {
            var encryptRefused = Refuses(() => cipher.Encrypt(nonce, message, aad, new byte[message.Length], new byte[tag.Length]));
            var decryptRefused = Refuses(() => cipher.TryDecrypt(nonce, ciphertext, tag, aad, new byte[ciphertext.Length]));
            return encryptRefused && decryptRefused ? null : $"a {nonce.Length}-byte nonce / {tag.Length}-byte tag was accepted";
        }

        var plaintext = new byte[ciphertext.Length];
        plaintext.AsSpan().Fill(0xAA);
        var opened = cipher.TryDecrypt(nonce, ciphertext, tag, aad, plaintext);
        switch (vector.Result)
        {
            case "valid":
                var sealedText = new byte[message.Length];
                var sealedTag = new byte[AeadCipher.TagSizeInBytes];
                cipher.Encrypt(nonce, message, aad, sealedText, sealedTag);
                if (!sealedText.AsSpan().SequenceEqual(ciphertext) || !sealedTag.AsSpan().SequenceEqual(tag))
                {
                    return "encryption differs";
                }

                return opened && plaintext.AsSpan().SequenceEqual(message) ? null : "valid ciphertext did not decrypt";
            case "invalid":
                if (opened)
                {
                    return "invalid ciphertext decrypted";
                }

                return plaintext.AsSpan().ContainsAnyExcept((byte)0) ? "plaintext not zeroed after failure" : null;
            default:
                return $"unexpected result '{vector.Result}'";
        }
    }

    private static bool Refuses(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
