using Arcanum.Chains.Ethereum;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Ethereum;

/// <summary>
/// ethereum/tests TransactionTests (ttVValue, ttEIP1559): raw signed transactions with the hash and sender
/// each fork expects. The decoder implements the current rules, so the Cancun result is the reference;
/// the exceptions the files list are for forks before EIP-155 / EIP-1559.
/// </summary>
public sealed class EthereumTestsVectorTests
{
    public static TheoryData<string> Files =>
    [
        "V_equals37.json", "V_equals38.json", "ValidChainID1ValidV0.json", "ValidChainID1ValidV1.json",
        "GasLimitPriceProductOverflowtMinusOne.json",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void TryDecode_TransactionTests_HashAndSenderMatchCancun(string file)
    {
        var test = EthereumVectors.ReadJson("ethereum-tests", file).EnumerateObject().Single().Value;
        var expected = test.GetProperty("result").GetProperty("Cancun");
        var raw = EthereumVectors.HexBytes(test.GetProperty("txbytes").GetString()!);

        Assert.True(DecodedEvmTransaction.TryDecode(raw, out var decoded, out var error), error);
        Assert.Equal(expected.GetProperty("hash").GetString(), "0x" + Hex.Encode(decoded.Hash.Span));
        Assert.True(decoded.TryRecoverSender(out var sender));
        Assert.Equal(expected.GetProperty("sender").GetString(), "0x" + Hex.Encode(sender.Bytes));
        Assert.Equal(raw, decoded.Transaction.Sign(decoded.Signature.Span, decoded.RecoveryId).Raw);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryDecode_TruncatedOrExtendedTransactionTests_AreRejected(string file)
    {
        var test = EthereumVectors.ReadJson("ethereum-tests", file).EnumerateObject().Single().Value;
        var raw = EthereumVectors.HexBytes(test.GetProperty("txbytes").GetString()!);

        for (var length = 0; length < raw.Length; length++)
        {
            Assert.False(DecodedEvmTransaction.TryDecode(raw.AsMemory(0, length), out _, out var error));
            Assert.NotNull(error);
        }

        Assert.False(DecodedEvmTransaction.TryDecode((byte[])[.. raw, 0x00], out _, out var trailing));
        Assert.Contains("trailing", trailing, StringComparison.Ordinal);
    }
}
