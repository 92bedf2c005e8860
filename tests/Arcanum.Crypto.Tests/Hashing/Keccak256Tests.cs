using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Crypto.Hashing;
using Arcanum.TestKit;

namespace Arcanum.Crypto.Tests.Hashing;

public sealed class Keccak256Tests
{
    /// <summary>cosmjs packages/crypto/src/testdata/keccak.json: the Keccak team's byte-aligned ShortMsgKAT for Keccak-256.</summary>
    private const int CosmjsVectorCount = 268;

    [Fact]
    public void Hash_CosmjsKeccakVectors_AllMatch()
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("ethereum", "cosmjs-keccak256.json"));
        var failures = new List<string>();
        var executed = 0;
        var split = new Random(1600);
        foreach (var vector in document.RootElement.GetProperty("keccak256").EnumerateArray())
        {
            executed++;
            var input = Convert.FromHexString(vector.GetProperty("in").GetString()!);
            var expected = Convert.FromHexString(vector.GetProperty("out").GetString()!);

            if (!Keccak256.Hash(input).AsSpan().SequenceEqual(expected))
            {
                failures.Add($"#{executed} ({input.Length} bytes): one-shot digest differs");
            }

            if (!HashInPieces(input, split).AsSpan().SequenceEqual(expected))
            {
                failures.Add($"#{executed} ({input.Length} bytes): incremental digest differs");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(CosmjsVectorCount, executed);
    }

    [Fact]
    public void Append_RandomSplitsAcrossRateBoundaries_MatchesOneShot()
    {
        var random = new Random(136);
        var failures = new List<string>();
        for (var length = 0; length <= (3 * Keccak256.RateInBytes) + 2; length++)
        {
            var input = new byte[length];
            random.NextBytes(input);
            var expected = Keccak256.Hash(input);
            for (var attempt = 0; attempt < 4; attempt++)
            {
                if (!HashInPieces(input, random).AsSpan().SequenceEqual(expected))
                {
                    failures.Add($"length {length}, attempt {attempt}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void HashAndIncrementalHashing_AfterConstruction_AllocateNothing()
    {
        var input = new byte[1000];
        var digest = new byte[Keccak256.HashSizeInBytes];
        var hasher = new Keccak256();
        Keccak256.Hash(input, digest);
        hasher.Append(input);
        hasher.GetHashAndReset(digest);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Keccak256.Hash(input, digest);
        hasher.Append(input.AsSpan(0, 333));
        hasher.Append(input.AsSpan(333));
        hasher.GetHashAndReset(digest);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void GetHashAndReset_InstanceReused_StartsANewMessage()
    {
        var hasher = new Keccak256();
        hasher.Append("first message"u8);
        _ = hasher.GetHashAndReset();

        hasher.Append("abc"u8);

        Assert.Equal(Keccak256.Hash("abc"u8), hasher.GetHashAndReset());
    }

    [Fact]
    public void Hash_SameInputAsSha3_DiffersBecauseOfThePadding()
    {
        // Keccak-256 pads with 0x01…0x80, FIPS 202 SHA3-256 with 0x06…0x80; everything else is the same.
        // A SHA3-style padding slip would make the two digests equal.
        Assert.True(SHA3_256.IsSupported, "the platform's SHA3-256 is the reference here");
        var message = "abc"u8.ToArray();

        Assert.NotEqual(SHA3_256.HashData(message), Keccak256.Hash(message));
    }

    [Fact]
    public void Hash_DestinationTooShort_Throws()
    {
        var destination = new byte[Keccak256.HashSizeInBytes - 1];

        Assert.Throws<ArgumentException>(() => Keccak256.Hash("x"u8, destination));
    }

    private static byte[] HashInPieces(byte[] input, Random random)
    {
        var hasher = new Keccak256();
        var offset = 0;
        while (offset < input.Length)
        {
            var piece = random.Next(0, Math.Min(input.Length - offset, 2 * Keccak256.RateInBytes) + 1);
            hasher.Append(input.AsSpan(offset, piece));
            offset += piece;
        }

        return hasher.GetHashAndReset();
    }
}
