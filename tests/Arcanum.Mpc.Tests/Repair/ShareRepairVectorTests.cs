using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Mpc.Repair;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Repair;

/// <summary>
/// ZF frost's repair-share.json: the files pin only step 2 (σ = sum of the three "random_scalar"
/// parts) and step 3 (s_r = sum of the four σ values); steps 1's randomness is not fixed.
/// </summary>
public sealed class ShareRepairVectorTests
{
    [Theory]
    [InlineData("ed25519")]
    [InlineData("secp256k1")]
    [InlineData("secp256k1-tr")]
    public void RepairShareVectors_Steps2And3_MatchTheSums(string suite)
    {
        using var document = JsonDocument.Parse(VectorFiles.ReadAllText("frost", "zcash-frost", suite, "repair-share.json"));
        var checkedValues = suite == "ed25519" ? Check<Ed25519Scalar>(document.RootElement) : Check<Secp256k1Scalar>(document.RootElement);

        Assert.Equal(3 + 4, checkedValues);
    }

    private static int Check<TScalar>(JsonElement root)
        where TScalar : struct, IScalar<TScalar>
    {
        var parts = Scalars<TScalar>(root.GetProperty("scalar_generation"), "random_scalar_", 3);
        var sigmas = Scalars<TScalar>(root.GetProperty("sigma_generation"), "sigma_", 4);

        Assert.Equal(Scalar<TScalar>(root.GetProperty("scalar_generation"), "random_scalar_sum"), ShareRepairSteps.Sigma(parts));
        Assert.Equal(Scalar<TScalar>(root.GetProperty("sigma_generation"), "sigma_sum"), ShareRepairSteps.RepairedShare(sigmas));
        Assert.NotEqual(ShareRepairSteps.Sigma(parts), ShareRepairSteps.Sigma(parts.Take(2)));
        return parts.Length + sigmas.Length;
    }

    private static TScalar[] Scalars<TScalar>(JsonElement section, string prefix, int expectedCount)
        where TScalar : struct, IScalar<TScalar>
    {
        var names = section.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.EndsWith("_sum", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expectedCount, names.Length);
        return [.. Enumerable.Range(1, expectedCount).Select(i => Scalar<TScalar>(section, prefix + i))];
    }

    private static TScalar Scalar<TScalar>(JsonElement section, string name)
        where TScalar : struct, IScalar<TScalar>
    {
        Assert.True(TScalar.TryDecode(Convert.FromHexString(section.GetProperty(name).GetString()!), out var scalar), name);
        return scalar;
    }
}
