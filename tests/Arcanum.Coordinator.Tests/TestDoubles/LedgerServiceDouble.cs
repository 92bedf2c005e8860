using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Ledger;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Tests.TestDoubles;

/// <summary>
/// A ledger in memory behind <see cref="ILedgerService"/>: the real ledger (genesis, <see cref="BlockBuilder"/> over a
/// <see cref="SparseMerkleTree"/> on an <see cref="InMemoryTreeNodeStore"/>, real query proofs) with one Ed25519 key
/// standing in for the committee's FROST key and no network: a block is built and "finalized" when the test calls
/// <see cref="FinalizeBlock"/>. Accounts have keys derived from their names. Thread-safe.
/// </summary>
internal sealed class LedgerServiceDouble : ILedgerService, IDisposable
{
    public const string ChainId = "arcanum-test";

    public const ulong StartTime = 1_700_000_000_000;

    public const int BlockIntervalMs = 500;

    public const int MaxTxPerBlock = 2000;

    public const string BlockEventType = "ledger.block";

    private readonly Lock _gate = new();
    private readonly ChainConfig _config;
    private readonly SparseMerkleTree _tree = new(new InMemoryTreeNodeStore());
    private readonly Block _genesis;
    private readonly BlockBuilder _builder = new(ChainId, TransactionExecutor.CreateDefault());
    private readonly List<FinalizedBlock> _blocks = [];
    private readonly List<Transaction> _pool = [];
    private readonly Dictionary<string, LedgerTransactionStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ed25519PrivateKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Channel<LedgerBlockEvent>, byte> _subscribers = new();
    private int _submissions;

    /// <summary>A chain whose genesis gives each named account its balance; <paramref name="ready"/> false: no committee key yet.</summary>
    public LedgerServiceDouble(bool ready = true, params (string Name, ulong Balance)[] allocations)
    {
        Ready = ready;
        Committee = Ed25519PrivateKey.FromSeed(SHA256.HashData("committee"u8));
        if (!GenesisDocument.TryCreate(ChainId, allocations.Select(a => new GenesisAllocation(Id(a.Name), a.Balance)), out var genesis, out var error))
        {
            throw new ArgumentException(error.ToString(), nameof(allocations));
        }

        _config = new ChainConfig { Genesis = genesis, CommitteeKey = Committee.PublicKey };
        _genesis = Genesis.Create(genesis, _tree);
    }

    /// <summary>The stand-in committee key.</summary>
    public Ed25519PrivateKey Committee { get; }

    /// <summary>Whether <see cref="Chain"/> is set (the committee key exists).</summary>
    public bool Ready { get; set; }

    /// <summary>How many times <see cref="SubmitAsync"/> was called.</summary>
    public int Submissions => Volatile.Read(ref _submissions);

    /// <summary>How many WebSocket subscriptions are open.</summary>
    public int SubscriberCount => _subscribers.Count;

    public ChainConfig? Chain => Ready ? _config : null;

    public FinalizedHeader? LatestFinalized
    {
        get
        {
            lock (_gate)
            {
                return _blocks.Count == 0 ? null : _blocks[^1].FinalizedHeader;
            }
        }
    }

    /// <summary>The key of the account called <paramref name="name"/> (seed: SHA-256 of the name).</summary>
    public Ed25519PrivateKey Key(string name)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(name, out var key))
            {
                key = Ed25519PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
                _keys.Add(name, key);
            }

            return key;
        }
    }

    public AccountId Id(string name) => AccountId.FromPublicKey(Key(name).PublicKey);

    /// <summary>A transaction from <paramref name="sender"/>, by default with the sender's next unused nonce (counted here).</summary>
    public Transaction Sign(string sender, string module, string call, byte[] args, ulong? nonce = null, string chainId = ChainId)
    {
        lock (_gate)
        {
            var next = _nonces.GetValueOrDefault(sender);
            if (nonce is null)
            {
                _nonces[sender] = next + 1;
            }

            return Transaction.Sign(chainId, Key(sender), nonce ?? next, module, call, args);
        }
    }

    public Task<LedgerSubmitResponse> SubmitAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Interlocked.Increment(ref _submissions);
        if (transaction.ChainId != ChainId)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid-transaction", "Invalid transaction", $"the chain is {ChainId}", "chainId");
        }

        if (!transaction.VerifySignature())
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid-transaction", "Invalid transaction", "the signature does not verify", "signature");
        }

        var hash = Convert.ToHexStringLower(transaction.Hash());
        lock (_gate)
        {
            if (!_statuses.TryGetValue(hash, out var status))
            {
                status = new LedgerTransactionStatus(hash, "pending");
                _statuses.Add(hash, status);
                _pool.Add(transaction);
            }

            return Task.FromResult(new LedgerSubmitResponse(hash, status.Status));
        }
    }

    /// <summary>Builds the next block from the pool, signs it with the stand-in committee key, records every outcome and publishes the event.</summary>
    public FinalizedBlock FinalizeBlock()
    {
        FinalizedBlock finalized;
        lock (_gate)
        {
            var parent = _blocks.Count == 0 ? _genesis.Header : _blocks[^1].Header;
            var built = _builder.Build(parent, _tree, [.. _pool], StartTime + ((parent.Height + 1) * BlockIntervalMs));
            var header = built.Block.Header;
            finalized = new FinalizedBlock(built.Block, Committee.Sign(header.SigningBytes(ChainId)));
            _blocks.Add(finalized);
            var height = (long)header.Height;
            var included = built.Block.Transactions.Select(t => Convert.ToHexStringLower(t.Hash())).ToList();
            foreach (var (transaction, outcome) in built.Processed)
            {
                var hash = Convert.ToHexStringLower(transaction.Hash());
                _statuses[hash] = outcome.IsIncluded
                    ? new LedgerTransactionStatus(hash, "included", height, included.IndexOf(hash),
                        [.. outcome.Events.Select(e => new LedgerEventInfo(e.Module, e.Name, [.. e.Attributes.Select(a => new LedgerEventAttribute(a.Key, a.Value))]))])
                    : new LedgerTransactionStatus(hash, "rejected", height, Reason: outcome.Reason, Detail: outcome.Detail);
            }

            _pool.Clear();
            _pool.AddRange(built.Deferred);
        }

        var blockEvent = new LedgerBlockEvent(BlockEventType, (long)finalized.Header.Height, Convert.ToHexStringLower(finalized.Header.Hash()),
            finalized.Block.Transactions.Count, (long)finalized.Header.TimeUnixMilliseconds);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(blockEvent);
        }

        return finalized;
    }

    public Task<LedgerTransactionStatus?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_statuses.GetValueOrDefault(Convert.ToHexStringLower(hash)));
        }
    }

    public Task<LedgerBlockInfo?> GetBlockAsync(long height, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            LedgerBlockInfo? info = height switch
            {
                0 => Info(_genesis, null, _genesis.Encode()),
                > 0 when height <= _blocks.Count => Info(_blocks[(int)height - 1].Block, _blocks[(int)height - 1].Signature, _blocks[(int)height - 1].Encode()),
                _ => null,
            };
            return Task.FromResult(info);
        }
    }

    public Task<LedgerStatusInfo> GetStatusAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var head = _blocks.Count == 0 ? _genesis.Header : _blocks[^1].Header;
            return Task.FromResult(new LedgerStatusInfo(ChainId, Convert.ToHexStringLower(Committee.PublicKey.Bytes), (long)head.Height,
                Convert.ToHexStringLower(head.Hash()), Convert.ToHexStringLower(head.StateRoot), (long)head.TimeUnixMilliseconds, _pool.Count,
                BlockIntervalMs, MaxTxPerBlock));
        }
    }

    public LedgerAnswer<T> Query<T>(Func<IStateView, FinalizedHeaderInfo, T> query, bool withProof)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var finalized = _blocks.Count == 0 ? null : _blocks[^1].FinalizedHeader;
            if (withProof && finalized is null)
            {
                throw new ApiProblemException(StatusCodes.Status409Conflict, "ledger-no-finalized-block", "No finalized block",
                    "only genesis exists, and it is never signed: there is no header to prove against yet", "proof");
            }

            var header = finalized?.Header ?? _genesis.Header;
            var view = new RecordingStateView(_tree.At(header.StateRoot).OpenView());
            var value = query(view, new FinalizedHeaderInfo((long)header.Height, header.TimeUnixMilliseconds));
            var proof = finalized is null || !withProof
                ? null
                : new LedgerProof(ChainId, (long)header.Height, [.. view.KeysRead.Select(key => Convert.ToHexStringLower(QueryProof.Create(_tree, finalized, key).Encode()))]);
            return new LedgerAnswer<T>((long)header.Height, value, proof);
        }
    }

    public async IAsyncEnumerable<LedgerBlockEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LedgerBlockEvent>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers.TryAdd(channel, 0);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var blockEvent))
                {
                    yield return blockEvent;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }

    public void Dispose()
    {
        Committee.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    private static LedgerBlockInfo Info(Block block, byte[]? signature, byte[] encoded)
    {
        var header = block.Header;
        return new LedgerBlockInfo((long)header.Height, Convert.ToHexStringLower(header.Hash()), Convert.ToHexStringLower(header.PrevHash),
            (long)header.TimeUnixMilliseconds, Convert.ToHexStringLower(header.TxRoot), Convert.ToHexStringLower(header.StateRoot),
            Convert.ToHexStringLower(header.EventsRoot), signature is null ? null : Convert.ToHexStringLower(signature),
            [.. block.Transactions.Select(t => Convert.ToHexStringLower(t.Hash()))], Convert.ToHexStringLower(encoded));
    }
}
