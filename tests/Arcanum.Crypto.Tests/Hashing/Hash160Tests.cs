using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class Hash160Tests
{
    [Fact]
    public void Hash_AnyInput_IsRipemd160OfSha256()
    {
        var input = "Arcanum"u8.ToArray();

        Assert.Equal(Ripemd160.Hash(SHA256.HashData(input)), Hash160.Hash(input));
    }

    /// <summary>
    /// The compressed secp256k1 generator G (SEC 2 §2.4.1) hashes to 751e76e8…3bd6, the P2WPKH program
    /// of the first BIP173/BIP350 example address BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4.
    /// </summary>
    [Fact]
    public void Hash_CompressedGenerator_IsTheBip173ExampleProgram()
    {
        var generator = Convert.FromHexString("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");

        Assert.Equal("751e76e8199196d454941c45d1b3a323f1433bd6", Convert.ToHexStringLower(Hash160.Hash(generator)));
    }
}
