using Arcanum.Chains.Bitcoin;
using Arcanum.Chains.Keys;
using Arcanum.Chains.Solana;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Crypto.Curves;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// Addresses and extended public keys of cluster keys: a child address at a path equals the one a
/// watch-only wallet derives from the exported xpub (BIP32 CKDpub, independent of the cluster's own
/// derivation code), and key/chain pairs that cannot work are refused naming the field.
/// </summary>
[Collection(FiveNodeCollection.Name)]
public sealed class AddressTests(FiveNodeCluster fixture)
{
    [Fact]
    public async Task EcdsaKey_ChildAddresses_MatchTheXpubDerivation()
    {
        var client = fixture.Cluster.Client;
        var key = await client.CreateKeyAsync(new CreateKeyRequest("addresses-ecdsa", KeySchemes.EcdsaSecp256k1, 2, 3));
        var xpub = await client.GetXpubAsync(key.Id, "bitcoin");
        Assert.StartsWith("xpub", xpub.Xpub, StringComparison.Ordinal);
        Assert.True(ExtendedPublicKey.TryParse(xpub.Xpub, out var parent, out var error), error);
        Assert.True(Bip32Path.TryParse("m/0/7", out var path, out error), error);
        Assert.True(parent!.TryDerive(path!, out var child, out error), error);

        var bitcoin = await client.GetAddressAsync(key.Id, "bitcoin", "m/0/7");
        Assert.Equal("m/0/7", bitcoin.Path);
        Assert.Equal(Convert.ToHexStringLower(PointEncoding.ToArray<Secp256k1Point, Secp256k1Scalar>(child!.PublicKey)), bitcoin.PublicKey);
        Assert.Equal(BitcoinScripts.P2wpkhAddress(Networks.Bitcoin, child.PublicKey), bitcoin.Address);
        Assert.StartsWith("bc1q", bitcoin.Address, StringComparison.Ordinal);
        Assert.StartsWith("tb1q", (await client.GetAddressAsync(key.Id, "bitcoin-testnet")).Address, StringComparison.Ordinal);
        Assert.StartsWith("ltc1q", (await client.GetAddressAsync(key.Id, "litecoin")).Address, StringComparison.Ordinal);
        Assert.StartsWith("0x", (await client.GetAddressAsync(key.Id, "ethereum", "m/0/7")).Address, StringComparison.Ordinal);
        Assert.StartsWith("T", (await client.GetAddressAsync(key.Id, "tron")).Address, StringComparison.Ordinal);
        Assert.StartsWith("osmo1", (await client.GetAddressAsync(key.Id, "cosmos", prefix: "osmo")).Address, StringComparison.Ordinal);
        Assert.Equal(key.PublicKey, (await client.GetAddressAsync(key.Id, "cosmos")).PublicKey);

        await AssertRefusedAsync(() => client.GetAddressAsync(key.Id, "solana"), "chain");
        await AssertRefusedAsync(() => client.GetAddressAsync(key.Id, "dogecoin"), "chain");
        await AssertRefusedAsync(() => client.GetAddressAsync(key.Id, "bitcoin", "m/0'/1"), "path");
        await AssertRefusedAsync(() => client.GetAddressAsync(key.Id, "cosmos", prefix: "NOT A PREFIX"), "prefix");
        await AssertRefusedAsync(() => client.GetXpubAsync(key.Id, "dogecoin"), "network");
    }

    [Fact]
    public async Task TaprootAndEd25519Keys_GetTheirChainsAddresses_AndNoOthers()
    {
        var client = fixture.Cluster.Client;
        var taproot = await client.CreateKeyAsync(new CreateKeyRequest("addresses-taproot", KeySchemes.FrostTaproot, 2, 3));
        var address = await client.GetAddressAsync(taproot.Id, "bitcoin");
        Assert.StartsWith("bc1p", address.Address, StringComparison.Ordinal);
        Assert.Equal(taproot.PublicKey, address.PublicKey);
        Assert.True(Arcanum.Crypto.Signatures.Secp256k1XOnlyPublicKey.TryDecode(Convert.FromHexString(address.PublicKey), out var internalKey));
        Assert.Equal(BitcoinScripts.P2trAddress(Networks.Bitcoin, internalKey), address.Address);
        await AssertRefusedAsync(() => client.GetAddressAsync(taproot.Id, "ethereum"), "chain");

        var ed = await client.CreateKeyAsync(new CreateKeyRequest("addresses-ed25519", KeySchemes.FrostEd25519, 2, 3));
        var solana = await client.GetAddressAsync(ed.Id, "solana", "m/3");
        Assert.True(SolanaAddress.TryParse(solana.Address, out var bytes, out var error), error);
        Assert.Equal(solana.PublicKey, Convert.ToHexStringLower(bytes));
        Assert.NotEqual(ed.PublicKey, solana.PublicKey);
        await AssertRefusedAsync(() => client.GetAddressAsync(ed.Id, "bitcoin"), "chain");
        await AssertRefusedAsync(() => client.GetXpubAsync(ed.Id, "bitcoin"), "id");
    }

    [Fact]
    public async Task Cli_AddressAndXpub_PrintWhatTheApiReturns()
    {
        var cluster = fixture.Cluster;
        var key = await cluster.Client.CreateKeyAsync(new CreateKeyRequest("addresses-cli", KeySchemes.EcdsaSecp256k1, 2, 3));
        var environment = new Dictionary<string, string> { ["ARCANUM_ADDR"] = cluster.Address.ToString(), ["ARCANUM_TOKEN"] = DevClusterProcess.Token };

        var address = await RunAsync(["address", "--key", key.Id, "--chain", "ethereum", "--path", "m/1", "--json"], environment);
        var expected = await cluster.Client.GetAddressAsync(key.Id, "ethereum", "m/1");
        Assert.Contains($"\"address\":\"{expected.Address}\"", address, StringComparison.Ordinal);

        var xpub = await RunAsync(["xpub", "--key", key.Id, "--network", "bitcoin-testnet"], environment);
        Assert.Contains((await cluster.Client.GetXpubAsync(key.Id, "bitcoin-testnet")).Xpub, xpub, StringComparison.Ordinal);
        Assert.Contains("tpub", xpub, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string[] arguments, Dictionary<string, string> environment)
    {
        using var process = DevClusterProcess.StartArcanum(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await errors);
        return await output;
    }

    private static async Task AssertRefusedAsync(Func<Task> call, string field)
    {
        var refused = await Assert.ThrowsAsync<ArcanumApiException>(call);
        Assert.Equal(400, refused.Status);
        Assert.Equal(field, refused.Problem.Field);
    }
}
