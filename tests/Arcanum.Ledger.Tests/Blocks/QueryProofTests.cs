using System.Buffers.Binary;
using System.Security.Cryptography;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Tests.Support;

namespace Arcanum.Ledger.Tests.Blocks;

/// <summary>
/// Query answers a client checks with only the committee key and the chain id: value (or absence), state proof and
/// the signed header — and any alteration of the value, the proof or the header is caught.
/// </summary>
public sealed class QueryProofTests
{
    [Fact]
    public void Verify_BalanceAtTheHead_ValidAndTheValueIsTheBalance()
    {
        using var chain = TestChain.Create();
        var key = AccountsState.BalanceKey(chain.Keys.Id("bob"));

        var answer = QueryProof.Create(chain.Tree, chain.Finalized[^1].FinalizedHeader, key);

        Assert.Equal(QueryProofCheck.Valid, Check(chain, key, answer));
        Assert.Equal(AccountsState.Balance(chain.Tree.OpenView(), chain.Keys.Id("bob")), BinaryPrimitives.ReadUInt64BigEndian(answer.Value));
        Assert.NotEqual(10_000UL, BinaryPrimitives.ReadUInt64BigEndian(answer.Value));
    }

    [Fact]
    public void Verify_EveryHeightsHeader_AnswersForThatHeightStayValid()
    {
        using var chain = TestChain.Create();
        var key = KeystoreState.KeyRecordKey(chain.Keys.Id("carol"));
        var values = new List<byte[]?>();
        foreach (var finalized in chain.Finalized)
        {
            var answer = QueryProof.Create(chain.Tree, finalized.FinalizedHeader, key);
            Assert.Equal(QueryProofCheck.Valid, Check(chain, key, answer));
            values.Add(answer.Value);
        }

        Assert.Equal(TestChain.BlockCount, values.Count);
        Assert.Equal(2, values.Select(v => v is null ? "absent" : Convert.ToHexStringLower(v)).Distinct().Count()); // carol rotates her key in block 3
    }

    [Fact]
    public void Verify_AbsentKey_ValidWithNoValue()
    {
        using var chain = TestChain.Create();
        using var stranger = Ed25519PrivateKey.FromSeed(SHA256.HashData("stranger"u8));
        var key = AccountsState.BalanceKey(AccountId.FromPublicKey(stranger.PublicKey));

        var answer = QueryProof.Create(chain.Tree, chain.Finalized[^1].FinalizedHeader, key);

        Assert.Null(answer.Value);
        Assert.Equal(QueryProofCheck.Valid, Check(chain, key, answer));
        Assert.Equal(QueryProofCheck.ProofInvalid, Check(chain, key, answer with { Value = StateKey.UInt64(1) }));
    }

    [Fact]
    public void Verify_ValueAltered_ProofInvalid()
    {
        using var chain = TestChain.Create();
        var (key, answer) = Balance(chain);

        Assert.Equal(QueryProofCheck.ProofInvalid, Check(chain, key, answer with { Value = TestChain.Flip(answer.Value!, 7) }));
        Assert.Equal(QueryProofCheck.ProofInvalid, Check(chain, key, answer with { Value = null }));
        Assert.Equal(QueryProofCheck.ProofInvalid, Check(chain, key, answer with { Value = [.. answer.Value!, 0] }));
    }

    [Fact]
    public void Verify_EveryBitOfTheProofFlipped_NeverValid()
    {
        using var chain = TestChain.Create();
        var (key, answer) = Balance(chain);
        var encoded = answer.Proof.Encode();
        var (rejected, undecodable) = (0, 0);
        for (var bit = 0; bit < encoded.Length * 8; bit++)
        {
            var flipped = encoded.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            if (!StateProof.TryDecode(flipped, out var proof, out _))
            {
                undecodable++;
                continue;
            }

            Assert.NotEqual(QueryProofCheck.Valid, Check(chain, key, answer with { Proof = proof! }));
            rejected++;
        }

        Assert.Equal(encoded.Length * 8, rejected + undecodable);
        Assert.True(rejected > encoded.Length * 4, $"{rejected} decodable variants checked");
    }

    [Fact]
    public void Verify_ProofOfAnotherKey_ProofInvalid()
    {
        using var chain = TestChain.Create();
        var (key, answer) = Balance(chain);
        var other = QueryProof.Create(chain.Tree, answer.Header, AccountsState.BalanceKey(chain.Keys.Id("carol")));

        Assert.Equal(QueryProofCheck.ProofInvalid, Check(chain, key, answer with { Proof = other.Proof }));
    }

    [Fact]
    public void Verify_AnswerAboutAnotherKey_KeyMismatch()
    {
        using var chain = TestChain.Create();
        var (_, answer) = Balance(chain);

        Assert.Equal(QueryProofCheck.KeyMismatch, Check(chain, AccountsState.BalanceKey(chain.Keys.Id("carol")), answer));
    }

    [Fact]
    public void Verify_HeaderStateRootAltered_BadHeaderSignature()
    {
        using var chain = TestChain.Create();
        var (key, answer) = Balance(chain);
        var header = answer.Header;
        var altered = new FinalizedHeader(TestChain.Copy(header.Header, stateRoot: TestChain.Flip(header.Header.StateRoot, 3)), header.Signature);

        Assert.Equal(QueryProofCheck.BadHeaderSignature, Check(chain, key, answer with { Header = altered }));
    }

    [Fact]
    public void Verify_HeaderSignedByAnotherKeyOrForAnotherChain_BadHeaderSignature()
    {
        using var chain = TestChain.Create();
        using var impostor = Ed25519PrivateKey.FromSeed(SHA256.HashData("impostor"u8));
        var (key, answer) = Balance(chain);
        var header = answer.Header.Header;
        var forged = answer with { Header = new FinalizedHeader(header, impostor.Sign(header.SigningBytes(LedgerHarness.ChainId))) };

        Assert.Equal(QueryProofCheck.BadHeaderSignature, Check(chain, key, forged));
        Assert.Equal(QueryProofCheck.BadHeaderSignature, QueryProofVerifier.Verify(chain.Committee.PublicKey, "another-chain", key, answer));
        Assert.Equal(QueryProofCheck.BadHeaderSignature, QueryProofVerifier.Verify(impostor.PublicKey, LedgerHarness.ChainId, key, answer));
    }

    [Fact]
    public void Verify_ValidHeaderOfAnotherHeight_ProofInvalid()
    {
        using var chain = TestChain.Create();
        var (key, answer) = Balance(chain);

        Assert.Equal(QueryProofCheck.ProofInvalid, Check(chain, key, answer with { Header = chain.At(1).FinalizedHeader }));
    }

    [Fact]
    public void EncodeDecode_PresentAndAbsentValues_RoundTripAndStillVerify()
    {
        using var chain = TestChain.Create();
        var (key, present) = Balance(chain);
        var absent = QueryProof.Create(chain.Tree, present.Header, [.. key, 0]);
        var checkedCount = 0;
        foreach (var (asked, answer) in new[] { (key, present), ([.. key, 0], absent) })
        {
            var encoded = answer.Encode();
            Assert.True(QueryProof.TryDecode(encoded, out var decoded, out var error), error?.ToString());
            Assert.Equal(encoded, decoded.Encode());
            Assert.Equal(answer.Value, decoded.Value);
            Assert.Equal(QueryProofCheck.Valid, Check(chain, asked, decoded));
            checkedCount++;
        }

        Assert.Equal(2, checkedCount);
        Assert.Null(absent.Value);
    }

    [Fact]
    public void TryDecode_EveryTruncationAndAnExtraByte_Refused()
    {
        using var chain = TestChain.Create();
        var encoded = Balance(chain).Answer.Encode();
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.False(QueryProof.TryDecode(encoded.AsSpan(0, length), out var answer, out var error), $"prefix of {length} bytes");
            Assert.Null(answer);
            Assert.NotNull(error);
        }

        Assert.False(QueryProof.TryDecode([.. encoded, 0], out _, out var trailing));
        Assert.Equal("header", trailing.Field);
    }

    [Fact]
    public void TryDecode_PresenceFlagNotABoolean_NamesTheValue()
    {
        using var chain = TestChain.Create();
        var (key, answer) = Balance(chain);
        var encoded = answer.Encode();
        encoded[4 + key.Length] = 2;

        Assert.False(QueryProof.TryDecode(encoded, out _, out var error));
        Assert.Equal("value", error.Field);
    }

    private static (byte[] Key, QueryProof Answer) Balance(TestChain chain)
    {
        var key = AccountsState.BalanceKey(chain.Keys.Id("bob"));
        return (key, QueryProof.Create(chain.Tree, chain.Finalized[^1].FinalizedHeader, key));
    }

    /// <summary>What a client does: it knows the committee key and the chain id, nothing else.</summary>
    private static QueryProofCheck Check(TestChain chain, byte[] key, QueryProof answer) =>
        QueryProofVerifier.Verify(Ed25519PublicKey.FromBytes(chain.Config.CommitteeKey.Bytes), LedgerHarness.ChainId, key, answer);
}
