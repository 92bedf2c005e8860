namespace Arcanum.Crypto.Tests;

public sealed class SodiumRandomNumberGeneratorTests
{
    [Fact]
    public void GetBytes_TwoDraws_Differ()
    {
        using var rng = new SodiumRandomNumberGenerator();
        var first = new byte[32];
        var second = new byte[32];

        rng.GetBytes(first);
        rng.GetBytes(second);

        Assert.NotEqual(first, second);
        Assert.NotEqual(new byte[32], first);
    }

    [Fact]
    public void GetBytes_OffsetAndCount_FillsOnlyThatRange()
    {
        using var rng = new SodiumRandomNumberGenerator();
        var data = new byte[64];

        rng.GetBytes(data, 16, 32);

        Assert.All(data[..16], b => Assert.Equal(0, b));
        Assert.All(data[48..], b => Assert.Equal(0, b));
        Assert.NotEqual(new byte[32], data[16..48]);
    }

    [Fact]
    public void GetNonZeroBytes_LargeBuffer_ContainsNoZero()
    {
        using var rng = new SodiumRandomNumberGenerator();
        var data = new byte[4096];

        rng.GetNonZeroBytes(data);

        Assert.DoesNotContain((byte)0, data);
    }
}
