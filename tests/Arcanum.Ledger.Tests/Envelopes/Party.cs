using System.Security.Cryptography;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Tests.Envelopes;

/// <summary>An account for the tests: its Ed25519 signing key (whose public key is the account id) and an X25519 keystore key.</summary>
internal sealed class Party : IDisposable
{
    public Party(RandomNumberGenerator rng)
    {
        Signing = Ed25519PrivateKey.Generate(rng);
        Encryption = X25519PrivateKey.Generate(rng);
    }

    public Ed25519PrivateKey Signing { get; }

    public X25519PrivateKey Encryption { get; }

    public byte[] Account => Signing.PublicKey.Bytes.ToArray();

    public void Dispose()
    {
        Signing.Dispose();
        Encryption.Dispose();
    }
}
