using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;

namespace Arcanum.Chains.Tests.Bitcoin;

public class Bip143SighashTests
{
    public static TheoryData<int> Cases => BitcoinVectors.Indices(BitcoinVectors.Transactions.GetProperty("hashForWitnessV0"));

    [Fact]
    public void HashForWitnessV0_CaseCount_IsEight()
    {
        Assert.Equal(8, Cases.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryCompute_BitcoinJsHashForWitnessV0_MatchesExpectedHash(int index)
    {
        var vector = BitcoinVectors.Transactions.GetProperty("hashForWitnessV0")[index];
        var transaction = BitcoinTransactionTests.Parse(vector.GetProperty("txHex").GetString()!);

        Assert.True(Bip143Sighash.TryCompute(transaction, vector.GetProperty("inIndex").GetInt32(),
            ScriptAsm.Compile(vector.GetProperty("script").GetString()!), vector.GetProperty("value").GetInt64(),
            vector.GetProperty("type").GetUInt32(), out var sighash, out var error), error);
        Assert.Equal(vector.GetProperty("hash").GetString(), Hex.Encode(sighash));
    }

    [Fact]
    public void P2wpkhScriptCode_NativeP2wpkhCase_IsTheFixtureScript()
    {
        var vector = BitcoinVectors.Transactions.GetProperty("hashForWitnessV0")[0];

        Assert.Equal(ScriptAsm.Compile(vector.GetProperty("script").GetString()!),
            Bip143Sighash.P2wpkhScriptCode(Hex.Decode("1d0f172a0ecb48aee1be1f2687d2963ae33f71a1")));
    }

    [Fact]
    public void TryCompute_InputIndexOutOfRange_Fails()
    {
        var vector = BitcoinVectors.Transactions.GetProperty("hashForWitnessV0")[0];
        var transaction = BitcoinTransactionTests.Parse(vector.GetProperty("txHex").GetString()!);

        Assert.False(Bip143Sighash.TryCompute(transaction, transaction.Inputs.Count, [], 1, SighashType.All, out _, out var error));
        Assert.Contains("out of range", error, StringComparison.Ordinal);
    }
}
