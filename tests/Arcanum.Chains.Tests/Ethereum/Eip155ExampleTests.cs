using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>The worked example of EIP-155 §Example: signing data, signing hash, v/r/s and the signed transaction.</summary>
public sealed class Eip155ExampleTests
{
    private static readonly System.Text.Json.JsonElement Example = EthereumVectors.ReadJson("eip155-example.json");

    [Fact]
    public void Sign_Eip155Example_ReproducesSigningDataHashAndSignedTransaction()
    {
        Assert.True(EvmTransaction.TryParse(Example.GetProperty("transaction"), out var transaction, out var error), error);
        Assert.Equal(EvmTransactionType.Legacy, transaction.Type);
        Assert.Equal(Example.GetProperty("signingData").GetString(), "0x" + Hex.Encode(transaction.EncodeUnsigned()));
        Assert.Equal(Example.GetProperty("signingHash").GetString(), "0x" + Hex.Encode(transaction.SigningHash()));

        var (signature, recoveryId) = EthereumVectors.Sign(Example.GetProperty("privateKey").GetString()!, transaction.SigningHash());
        Assert.Equal(Example.GetProperty("rHex").GetString(), "0x" + Hex.Encode(signature.AsSpan(0, 32)));
        Assert.Equal(Example.GetProperty("sHex").GetString(), "0x" + Hex.Encode(signature.AsSpan(32)));
        Assert.Equal(Example.GetProperty("v").GetInt32(), 35 + (2 * (int)transaction.ChainId!.Value) + recoveryId);
        Assert.Equal(Example.GetProperty("signedTx").GetString(), "0x" + Hex.Encode(transaction.Sign(signature, recoveryId).Raw));
    }
}
