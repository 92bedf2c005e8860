using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Arcanum.Client;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Arcanum.Storage.Ledger;
using Microsoft.Data.Sqlite;

namespace Arcanum.Cluster.Tests;

/// <summary>
/// A ledger account held by the test (docs/ledger.md "Transactions"): its Ed25519 signing key (the account id), its
/// X25519 keystore keys by version, and the nonce its next transaction carries. Transactions are signed in-process.
/// </summary>
internal sealed class LedgerAccount : IDisposable
{
    private static readonly RandomNumberGenerator Rng = RandomNumberGenerator.Create();

    private readonly List<X25519PrivateKey> _encryptionKeys = [];

    public LedgerAccount(string name)
    {
        Name = name;
        SigningKey = Ed25519PrivateKey.Generate(Rng);
        Id = AccountId.FromPublicKey(SigningKey.PublicKey);
        _encryptionKeys.Add(X25519PrivateKey.Generate(Rng));
    }

    public string Name { get; }

    public Ed25519PrivateKey SigningKey { get; }

    public AccountId Id { get; }

    /// <summary>The nonce the next <see cref="Sign"/> uses.</summary>
    public ulong NextNonce { get; set; }

    /// <summary>The newest encryption key (version <see cref="KeyVersion"/>).</summary>
    public X25519PrivateKey EncryptionKey => _encryptionKeys[^1];

    public uint KeyVersion => (uint)_encryptionKeys.Count;

    public X25519PrivateKey EncryptionKeyOfVersion(uint version) => _encryptionKeys[(int)version - 1];

    /// <summary>Adds encryption key version n + 1 (the one a rotation publishes).</summary>
    public X25519PrivateKey AddEncryptionKey()
    {
        _encryptionKeys.Add(X25519PrivateKey.Generate(Rng));
        return EncryptionKey;
    }

    /// <summary>Signs a transaction with the next nonce and advances it.</summary>
    public Transaction Sign(string chainId, string module, string call, byte[] args) =>
        Transaction.Sign(chainId, SigningKey, NextNonce++, module, call, args);

    public void Dispose()
    {
        SigningKey.Dispose();
        foreach (var key in _encryptionKeys)
        {
            key.Dispose();
        }
    }
}

/// <summary>Ledger calls the cluster tests share: readiness, waiting for outcomes, the trust anchor.</summary>
internal static class LedgerDriver
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>Waits until the chain is ready and block 1 (the first signed header) is finalized.</summary>
    public static async Task<LedgerStatusInfo> WaitForReadyAsync(ArcanumClient client)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            try
            {
                var status = await client.GetLedgerStatusAsync(timeout.Token);
                if (status.Height >= 1)
                {
                    return status;
                }
            }
            catch (ArcanumApiException e) when (e.Status == 503)
            {
                // ledger-not-ready: the committee key is still being made.
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The committee key and chain id the coordinator reports, as a client would pin them.</summary>
    public static LedgerTrustAnchor TrustAnchor(LedgerStatusInfo status) =>
        new(Ed25519PublicKey.FromBytes(Convert.FromHexString(status.CommitteeKey)), status.ChainId);

    /// <summary>Submits <paramref name="transactions"/> one after the other (so they are pooled in this order) and returns their hashes.</summary>
    public static async Task<List<string>> SubmitInOrderAsync(ArcanumClient client, IEnumerable<Transaction> transactions)
    {
        var hashes = new List<string>();
        foreach (var transaction in transactions)
        {
            var response = await client.SubmitTransactionAsync(transaction);
            Assert.Equal("pending", response.Status);
            hashes.Add(response.Hash);
        }

        return hashes;
    }

    /// <summary>Polls every transaction until it is no longer pending (deadline 2 minutes); their final statuses.</summary>
    public static async Task<IReadOnlyList<LedgerTransactionStatus>> WaitForOutcomesAsync(ArcanumClient client, IReadOnlyList<string> hashes)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var outcomes = new LedgerTransactionStatus[hashes.Count];
        for (var index = 0; index < hashes.Count; index++)
        {
            while (true)
            {
                var status = await client.GetTransactionAsync(hashes[index], timeout.Token);
                if (status.Status != "pending")
                {
                    outcomes[index] = status;
                    break;
                }

                await Task.Delay(100, timeout.Token);
            }
        }

        return outcomes;
    }

    /// <summary>Submits in order, waits, and requires every transaction to be included; the highest inclusion height.</summary>
    public static async Task<long> SubmitAndIncludeAsync(ArcanumClient client, IEnumerable<Transaction> transactions)
    {
        var outcomes = await WaitForOutcomesAsync(client, await SubmitInOrderAsync(client, transactions));
        Assert.All(outcomes, o => Assert.True(o.Status == "included", $"{o.Hash}: {o.Status} {o.Reason} {o.Detail}"));
        return outcomes.Max(o => o.Height!.Value);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails with <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}

/// <summary>A node process started by the test from its config (as an operator would restart it), output kept.</summary>
internal sealed class RestartedNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RestartedNode(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary><c>arcanum serve node --config</c> node <paramref name="id"/>'s config; it lives as long as the test's stdin pipe.</summary>
    public static RestartedNode Start(DevClusterProcess cluster, int id) =>
        new(DevClusterProcess.StartArcanum(["serve", "node", "--config", cluster.NodeConfig(id)], new Dictionary<string, string> { ["ARCANUM_LIFELINE"] = "stdin" }));

    /// <summary>SIGKILL, as <see cref="DevClusterProcess.KillNode"/> does to the nodes arcanum dev started.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>A copy of the ledger on disk (a coordinator's or a node's ledger.db), read and tampered with as an attacker with file access would.</summary>
internal static class LedgerDatabase
{
    /// <summary>The head the store records (height and state root).</summary>
    public static async Task<LedgerHead> ReadHeadAsync(string path)
    {
        await using var store = await SqliteLedgerStore.OpenAsync(path);
        return await store.GetHeadAsync() ?? throw new InvalidOperationException($"{path} records no head");
    }

    /// <summary>
    /// Writes one extra key/value into the state tree at the head's root and points <c>ledger_head.root</c> at the new
    /// root with a plain SQL UPDATE — the stored blocks and the head height stay as they were. Returns both roots.
    /// </summary>
    public static async Task<(byte[] Original, byte[] Tampered)> TamperStateAsync(string path)
    {
        byte[] original;
        byte[] tampered;
        await using (var store = await SqliteLedgerStore.OpenAsync(path))
        {
            var head = await store.GetHeadAsync() ?? throw new InvalidOperationException($"{path} records no head");
            original = head.Root;
            var tree = new SparseMerkleTree(store, head.Root);
            tampered = tree.Apply([("tampered/extra"u8.ToArray(), new byte[] { 0, 0, 0, 0, 0, 0, 0x27, 0x10 })]);
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE ledger_head SET root = $root WHERE id = 1";
        update.Parameters.AddWithValue("$root", tampered);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
        Assert.False(original.AsSpan().SequenceEqual(tampered));
        return (original, tampered);
    }
}

/// <summary>Runs the <c>arcanum</c> CLI as a user would, against a cluster, and collects what it printed.</summary>
internal static class ArcanumCli
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        using var process = DevClusterProcess.StartArcanum(arguments, environment);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Runs the CLI and requires exit 0; its standard output.</summary>
    public static async Task<string> RunOkAsync(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var list = arguments.ToList();
        var (exitCode, output, errors) = await RunAsync(list, environment);
        Assert.True(exitCode == 0, $"arcanum {string.Join(' ', list)} exited {exitCode}\n{output}\n{errors}");
        return output;
    }

    /// <summary>The variables that point the CLI at <paramref name="cluster"/>.</summary>
    public static Dictionary<string, string> Environment(DevClusterProcess cluster) => new()
    {
        ["ARCANUM_ADDR"] = cluster.Address.ToString().TrimEnd('/'),
        ["ARCANUM_TOKEN"] = DevClusterProcess.Token,
    };
}
