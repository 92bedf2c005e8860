using Arcanum.Chains.Keys;

namespace Arcanum.Chains.Tests.Keys;

public sealed class Bip32PathTests
{
    [Theory]
    [InlineData("m", new uint[0])]
    [InlineData("m/0", new uint[] { 0 })]
    [InlineData("m/0/1/2147483647", new uint[] { 0, 1, 2147483647 })]
    public void TryParse_NonHardened_GivesIndicesAndRoundTrips(string text, uint[] indices)
    {
        Assert.True(Bip32Path.TryParse(text, out var path, out _));
        Assert.Equal(indices, path.Indices);
        Assert.Equal(text, path.ToString());
    }

    [Theory]
    [InlineData("m/0'", "hardened")]
    [InlineData("m/1/2h", "hardened")]
    [InlineData("m/2147483648", "Step 1")]
    [InlineData("m/01", "Step 1")]
    [InlineData("m/1//2", "Step 2")]
    [InlineData("m/+1", "Step 1")]
    [InlineData("m/1/", "Step 2")]
    [InlineData("0/1", "starts with")]
    [InlineData("", "starts with")]
    [InlineData("m/99999999999", "Step 1")]
    public void TryParse_Invalid_RejectedNamingTheStep(string text, string expected)
    {
        Assert.False(Bip32Path.TryParse(text, out var path, out var error));
        Assert.Null(path);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
