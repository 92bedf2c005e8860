using Arcanum.Mpc.Frost;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Frost;

/// <summary>
/// BIP340's test-vectors.csv (github.com/bitcoin/bips bip-0340) through
/// <see cref="FrostSecp256k1Taproot.Verify"/>: each row's public key is lifted with lift_x; a key that
/// does not lift must be a row expecting FALSE. Valid and invalid rows both run.
/// </summary>
public sealed class Bip340VerifyTests
{
    [Fact]
    public void Verify_Bip340Vectors_MatchExpectedResult()
    {
        var rows = VectorFiles.ReadAllText("bip340", "test-vectors.csv")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .ToArray();

        var trueRows = 0;
        foreach (var row in rows)
        {
            var expected = row[6] == "TRUE";
            trueRows += expected ? 1 : 0;
            var message = Convert.FromHexString(row[4]);
            var signature = Convert.FromHexString(row[5]);
            var actual = FrostSecp256k1Taproot.TryLiftX(Convert.FromHexString(row[2]), out var key)
                && FrostSecp256k1Taproot.Instance.Verify(key, message, signature);
            Assert.True(expected == actual, $"row {row[0]} ({row[7]}): expected {row[6]}");
        }

        Assert.Equal(19, rows.Length);
        Assert.Equal(9, trueRows);
    }
}
