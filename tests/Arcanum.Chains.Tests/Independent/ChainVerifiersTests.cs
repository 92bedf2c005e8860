using Arcanum.TestKit.Verifiers;

namespace Arcanum.Chains.Tests.Independent;

/// <summary>The verifier script itself: malformed batches end with exit status 2, and hostile requests are rejected, not crashed on.</summary>
public sealed class ChainVerifiersTests
{
    [Fact]
    public async Task RunAsync_UnknownFamily_ThrowsWithNodesMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChainVerifiers.RunAsync([new { op = "verify", family = "dogecoin" }]));

        Assert.Contains("exited with status 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("family \"dogecoin\" is not known", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BuildWithBadKey_ThrowsNamingTheRequest()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChainVerifiers.RunAsync(
            [new { op = "build", family = "solana", feePayer = "11111111111111111111111111111112" }, new { op = "build", family = "cosmos", publicKey = "02" }]));

        Assert.Contains("request 1: cannot build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAllAsync_MalformedRequestOfEveryFamily_RejectedWithReasons()
    {
        object[] hostile =
        [
            new { op = "verify", family = "evm", signedTransaction = "0x02c0", address = "0x0000000000000000000000000000000000000000", chainId = "1" },
            new { op = "verify", family = "evm", signedTransaction = "0xf8", address = "not an address", chainId = "1" },
            new { op = "verify", family = "evm-personal", message = "0xzz", signature = "0x00", address = "0x0000000000000000000000000000000000000000" },
            new { op = "verify", family = "evm-typed", typedData = new { types = new { }, domain = new { }, message = new { } }, signature = "0x", address = "0x0000000000000000000000000000000000000000" },
            new { op = "verify", family = "bitcoin", psbt = "cHNidP8BAAoCAAAAAAAAAAAAAA==", signedTransaction = (string?)null, network = "bitcoin", expectSigned = new[] { 0 } },
            new { op = "verify", family = "bitcoin", psbt = "not base64", network = "signet" },
            new { op = "verify", family = "solana", signedTransaction = "AQ==", signer = "0OIl" },
            new { op = "verify", family = "solana", signedTransaction = "/////w==", signer = "11111111111111111111111111111112" },
            new { op = "verify", family = "cosmos", txRaw = "CgEA", chainId = "c", accountNumber = "-1", publicKey = "02" },
            new { op = "verify", family = "tron", rawDataHex = "0a", signature = "00", txID = "00", address = "T" },
        ];

        var verdicts = await ChainVerifiers.VerifyAllAsync(hostile);

        Assert.Equal(hostile.Length, verdicts.Length);
        Assert.All(verdicts, verdict => Assert.False(verdict.Ok));
        Assert.All(verdicts, verdict => Assert.False(string.IsNullOrWhiteSpace(verdict.Reason)));
    }
}
