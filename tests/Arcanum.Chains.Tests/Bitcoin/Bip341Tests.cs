using System.Text.Json;
using Arcanum.Chains.Bitcoin;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Chains.Tests.Bitcoin;

/// <summary>bip-0341/wallet-test-vectors.json: every keyPathSpending input and every scriptPubKey case.</summary>
public class Bip341Tests
{
    private static JsonElement KeyPath => BitcoinVectors.Taproot.GetProperty("keyPathSpending")[0];

    public static TheoryData<int> InputCases => BitcoinVectors.Indices(KeyPath.GetProperty("inputSpending"));

    public static TheoryData<int> ScriptPubKeyCases => BitcoinVectors.Indices(BitcoinVectors.Taproot.GetProperty("scriptPubKey"));

    [Fact]
    public void WalletTestVectors_CaseCounts_AreAllRun()
    {
        Assert.Single(BitcoinVectors.Taproot.GetProperty("keyPathSpending").EnumerateArray());
        Assert.Equal(7, InputCases.Count);
        Assert.Equal(7, ScriptPubKeyCases.Count);
    }

    [Fact]
    public void ComputeSharedHashes_KeyPathSpending_MatchesIntermediary()
    {
        var (transaction, spent) = Given();
        var expected = KeyPath.GetProperty("intermediary");

        var shared = Bip341Sighash.ComputeSharedHashes(transaction, spent);

        Assert.Equal(expected.GetProperty("hashPrevouts").GetString(), Hex.Encode(shared.Prevouts));
        Assert.Equal(expected.GetProperty("hashAmounts").GetString(), Hex.Encode(shared.Amounts));
        Assert.Equal(expected.GetProperty("hashScriptPubkeys").GetString(), Hex.Encode(shared.ScriptPubKeys));
        Assert.Equal(expected.GetProperty("hashSequences").GetString(), Hex.Encode(shared.Sequences));
        Assert.Equal(expected.GetProperty("hashOutputs").GetString(), Hex.Encode(shared.Outputs));
    }

    [Theory]
    [MemberData(nameof(InputCases))]
    public void TryCompute_KeyPathSpendingInput_MatchesSigMsgSigHashTweakAndWitness(int index)
    {
        var (transaction, spent) = Given();
        var vector = KeyPath.GetProperty("inputSpending")[index];
        var given = vector.GetProperty("given");
        var expected = vector.GetProperty("intermediary");
        var inputIndex = given.GetProperty("txinIndex").GetInt32();
        var hashType = (byte)given.GetProperty("hashType").GetInt32();

        Assert.True(Bip341Sighash.TryComputeSigMsg(transaction, inputIndex, spent, hashType, out var sigMsg, out var error), error);
        // The vectors' sigMsg includes the epoch byte 0x00 that precedes SigMsg in hash_TapSighash.
        Assert.Equal(expected.GetProperty("sigMsg").GetString(), "00" + Hex.Encode(sigMsg));
        Assert.True(Bip341Sighash.TryCompute(transaction, inputIndex, spent, hashType, out var sighash, out error), error);
        Assert.Equal(expected.GetProperty("sigHash").GetString(), Hex.Encode(sighash));

        using var privateKey = Secp256k1PrivateKey.Import(BitcoinVectors.HexOf(given.GetProperty("internalPrivkey")));
        Assert.Equal(expected.GetProperty("internalPubkey").GetString(), privateKey.XOnlyPublicKey.ToString());
        var merkleRoot = given.GetProperty("merkleRoot").ValueKind == JsonValueKind.Null ? [] : BitcoinVectors.HexOf(given.GetProperty("merkleRoot"));
        Assert.True(Taproot.TryTweak(privateKey.XOnlyPublicKey, merkleRoot, out var outputKey));
        Assert.Equal(expected.GetProperty("tweak").GetString(), Hex.Encode(outputKey!.Tweak));
        Assert.Equal(spent[inputIndex].ScriptPubKey.ToArray(), BitcoinScripts.P2tr(outputKey.OutputKey));

        var witness = BitcoinVectors.HexOf(vector.GetProperty("expected").GetProperty("witness")[0]);
        Assert.Equal(hashType == SighashType.Default ? 64 : 65, witness.Length);
        Assert.True(outputKey.OutputKey.Verify(sighash, witness.AsSpan(0, 64)));
        if (witness.Length == 65)
        {
            Assert.Equal(hashType, witness[64]);
        }
    }

    /// <summary>
    /// Every case, including those with a script tree: the tweak is computed from the merkle root the
    /// vector gives (building the root from the tree is script-path work, which the signer does not do).
    /// </summary>
    [Theory]
    [MemberData(nameof(ScriptPubKeyCases))]
    public void TryTweak_ScriptPubKeyCase_MatchesTweakKeyScriptAndAddress(int index)
    {
        var vector = BitcoinVectors.Taproot.GetProperty("scriptPubKey")[index];
        var intermediary = vector.GetProperty("intermediary");
        Assert.True(Secp256k1XOnlyPublicKey.TryDecode(BitcoinVectors.HexOf(vector.GetProperty("given").GetProperty("internalPubkey")), out var internalKey));
        var merkleRoot = intermediary.GetProperty("merkleRoot").ValueKind == JsonValueKind.Null ? [] : BitcoinVectors.HexOf(intermediary.GetProperty("merkleRoot"));

        Assert.True(Taproot.TryTweak(internalKey, merkleRoot, out var outputKey));

        Assert.Equal(intermediary.GetProperty("tweak").GetString(), Hex.Encode(outputKey!.Tweak));
        Assert.Equal(intermediary.GetProperty("tweakedPubkey").GetString(), outputKey.OutputKey.ToString());
        Assert.Equal(vector.GetProperty("expected").GetProperty("scriptPubKey").GetString(), Hex.Encode(BitcoinScripts.P2tr(outputKey.OutputKey)));
        Assert.Equal(vector.GetProperty("expected").GetProperty("bip350Address").GetString(), BitcoinScripts.P2trAddress(Networks.Bitcoin, outputKey));
        if (merkleRoot.Length == 0)
        {
            Assert.Equal(vector.GetProperty("expected").GetProperty("bip350Address").GetString(), BitcoinScripts.P2trAddress(Networks.Bitcoin, internalKey));
        }
    }

    [Fact]
    public void TryCompute_UndefinedHashType_IsRejected()
    {
        var (transaction, spent) = Given();

        Assert.False(Bip341Sighash.TryCompute(transaction, 0, spent, 0x04, out _, out var error));
        Assert.Contains("not defined", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompute_MissingSpentOutput_IsRejected()
    {
        var (transaction, spent) = Given();

        Assert.False(Bip341Sighash.TryCompute(transaction, 0, spent.Take(spent.Count - 1).ToList(), SighashType.Default, out _, out var error));
        Assert.Contains("every input", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompute_SingleWithoutMatchingOutput_IsRejected()
    {
        var (transaction, spent) = Given();

        Assert.False(Bip341Sighash.TryCompute(transaction, transaction.Outputs.Count, spent, SighashType.Single, out _, out var error));
        Assert.Contains("SIGHASH_SINGLE", error, StringComparison.Ordinal);
    }

    private static (BitcoinTransaction Transaction, IReadOnlyList<TxOutput> Spent) Given()
    {
        var given = KeyPath.GetProperty("given");
        var transaction = BitcoinTransactionTests.Parse(given.GetProperty("rawUnsignedTx").GetString()!);
        var spent = given.GetProperty("utxosSpent").EnumerateArray()
            .Select(u => new TxOutput(u.GetProperty("amountSats").GetInt64(), BitcoinVectors.HexOf(u.GetProperty("scriptPubKey"))))
            .ToList();
        return (transaction, spent);
    }
}
