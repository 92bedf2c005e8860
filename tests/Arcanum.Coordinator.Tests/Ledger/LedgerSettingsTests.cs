using Arcanum.Coordinator.Hosting;
using Arcanum.Coordinator.Ledger;

namespace Arcanum.Coordinator.Tests.Ledger;

/// <summary>The coordinator configuration's <c>ledger</c> section and the genesis file.</summary>
public sealed class LedgerSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("arcanum-ledger-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_LedgerSection_ReadsEveryKey()
    {
        var path = Path.Combine(_directory, "coordinator.json");
        File.WriteAllText(path, """
            {"ledger": {"genesis": "g.json", "postgres": "Host=db", "blockIntervalMs": 250, "maxTxPerBlock": 100, "maxPending": 500}}
            """);

        var ledger = CoordinatorConfig.Load(path).Ledger!;

        Assert.Equal(new LedgerSettings { Genesis = "g.json", Postgres = "Host=db", BlockIntervalMs = 250, MaxTxPerBlock = 100, MaxPending = 500 }, ledger);
        ledger.Validate();
    }

    [Fact]
    public void Load_WithoutLedgerSection_HasNoLedger()
    {
        var path = Path.Combine(_directory, "coordinator.json");
        File.WriteAllText(path, "{}");

        Assert.Null(CoordinatorConfig.Load(path).Ledger);
    }

    [Fact]
    public void Load_UnknownLedgerKey_IsRefused()
    {
        var path = Path.Combine(_directory, "coordinator.json");
        File.WriteAllText(path, """{"ledger": {"blockInterval": 5}}""");

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => CoordinatorConfig.Load(path));
    }

    [Theory]
    [InlineData(9, 2000, 1, "blockIntervalMs")]
    [InlineData(60_001, 2000, 1, "blockIntervalMs")]
    [InlineData(500, 0, 1, "maxTxPerBlock")]
    [InlineData(500, 4097, 1, "maxTxPerBlock")]
    [InlineData(500, 2000, 0, "maxPending")]
    public void Validate_OutOfRange_NamesTheSetting(int interval, int maxTx, int maxPending, string setting)
    {
        var settings = new LedgerSettings { BlockIntervalMs = interval, MaxTxPerBlock = maxTx, MaxPending = maxPending };

        var error = Assert.Throws<InvalidDataException>(settings.Validate);

        Assert.Contains("ledger." + setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoDatabase_IsRefused() =>
        Assert.Throws<InvalidDataException>(new LedgerSettings { Sqlite = null }.Validate);

    [Fact]
    public void GenesisFile_Valid_IsRead()
    {
        var path = Path.Combine(_directory, "genesis.json");
        File.WriteAllText(path, """{"chainId":"arcanum-dev","allocations":[]}""");

        Assert.Equal("arcanum-dev", GenesisFile.Load(path).ChainId);
    }

    [Theory]
    [InlineData("""{"chainId":"Bad Chain","allocations":[]}""", "chainId")]
    [InlineData("""{"chainId":"arcanum-dev"}""", "allocations")]
    [InlineData("not json", "genesis.json")]
    public void GenesisFile_Invalid_IsRefusedNamingTheFault(string json, string named)
    {
        var path = Path.Combine(_directory, "genesis.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<InvalidDataException>(() => GenesisFile.Load(path));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenesisFile_Missing_IsRefused() =>
        Assert.Throws<InvalidDataException>(() => GenesisFile.Load(Path.Combine(_directory, "absent.json")));
}
