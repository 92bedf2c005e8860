using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Arcanum.Client.Contracts;
using Arcanum.Coordinator.Events;
using Arcanum.Coordinator.Metrics;
using Arcanum.Coordinator.Sessions;
using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.State;
using Arcanum.Ledger.Transactions;
using Arcanum.Storage;
using Arcanum.Storage.Ledger;
using Arcanum.Transport.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arcanum.Coordinator.Ledger;

/// <summary>
/// The coordinator as the ledger's sequencer (docs/ledger.md, "Sequencer"; issue 8): a durable pool of accepted
/// transactions, a block every <see cref="LedgerSettings.BlockIntervalMs"/> (or as soon as
/// <see cref="LedgerSettings.MaxTxPerBlock"/> are pooled) signed by the committee in one LEDGER_BLOCK session, the
/// finalized blocks and transaction records in its <see cref="ILedgerStore"/>, queries over the latest finalized
/// state, block events, and the answers to the nodes' catch-up requests.
/// </summary>
/// <remarks>
/// Start-up (<see cref="InitializeAsync"/>, before the API listens): open the store, bind it to the genesis document's
/// chain id (meta <c>chain_id</c>; another chain refuses to start), record genesis as head 0 on first use, and reload
/// the committee key bound in meta <c>committee_key_id</c>. Then (<see cref="ExecuteAsync"/>): once every configured
/// member is connected, create the committee key if none is bound, make block 1 at once (possibly empty) so queries
/// have a signed header, and loop. One loop task builds and finalizes blocks; submissions, queries and catch-up
/// answers run concurrently and read the immutable <see cref="Head"/> snapshot.
/// </remarks>
internal sealed partial class LedgerSequencer : BackgroundService, ILedgerService, ILedgerKeyGuard, IAsyncDisposable
{
    /// <summary>The committee key's name.</summary>
    public const string CommitteeKeyName = "ledger-committee";

    /// <summary>The ledger store setting that binds the committee key's id.</summary>
    public const string CommitteeKeyMeta = "committee_key_id";

    /// <summary>The ledger store setting that binds the chain id.</summary>
    public const string ChainIdMeta = "chain_id";

    /// <summary>The most blocks one catch-up answer carries.</summary>
    public const int MaxSyncBlocks = 64;

    /// <summary>The most block bytes one catch-up answer carries.</summary>
    public const int MaxSyncBytes = 4 << 20;

    /// <summary>How long the sequencer waits between attempts to set up the committee.</summary>
    private static readonly TimeSpan CommitteeRetry = TimeSpan.FromSeconds(1);

    private readonly LedgerSettings _settings;
    private readonly GenesisDocument _genesisDocument;
    private readonly Func<CancellationToken, Task<ILedgerStore>> _openStore;
    private readonly ICommitteeSessions _sessions;
    private readonly IKeyOperations _keys;
    private readonly ICoordinatorStore _coordinatorStore;
    private readonly IReadOnlyList<int> _members;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LedgerMetrics _metrics;
    private readonly int _syncByteBudget;
    private readonly int _blockByteBudget;
    private readonly BlockBuilder _builder;
    private readonly BlockSigner _signer;
    private readonly BroadcastHub<LedgerBlockEvent> _events = new(SessionEventHub.DefaultCapacity);
    private readonly ConcurrentDictionary<byte[], long> _pooledAt = new(ByteArrayComparer.Instance);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private ILedgerStore? _store;
    private PendingPoolWriter? _pool;
    private Block? _genesis;
    private SparseMerkleTree? _tree;
    private volatile Head? _head;
    private volatile ChainConfig? _chain;
    private volatile string? _committeeKeyId;
    private long _pending;
    private int _disposed;

    public LedgerSequencer(LedgerSettings settings, GenesisDocument genesis, Func<CancellationToken, Task<ILedgerStore>> openStore, ICommitteeSessions sessions,
        IKeyOperations keys, ICoordinatorStore coordinatorStore, IReadOnlyList<int> members, TimeProvider time, ILogger<LedgerSequencer> logger,
        ArcanumMetrics metrics, int frameBudget = MaxSyncBytes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(genesis);
        settings.Validate();
        _settings = settings;
        _genesisDocument = genesis;
        _openStore = openStore;
        _sessions = sessions;
        _keys = keys;
        _coordinatorStore = coordinatorStore;
        _members = members;
        _time = time;
        _logger = logger;
        _metrics = new LedgerMetrics(metrics, () => _head?.Height ?? 0, () => Interlocked.Read(ref _pending));
        _syncByteBudget = Math.Clamp(frameBudget, 1, MaxSyncBytes);
        // A finalized block adds its signature, a proposal its parent's signed header: either fits the frame budget.
        _blockByteBudget = Math.Clamp(frameBudget - FinalizedHeader.EncodedLength, Block.EmptyEncodedLength + Block.MaxTransactionLength, Block.MaxEncodedLength);
        _builder = new BlockBuilder(genesis.ChainId, TransactionExecutor.CreateDefault());
        _signer = new BlockSigner(sessions);
    }

    /// <inheritdoc/>
    public ChainConfig? Chain => _chain;

    /// <inheritdoc/>
    public FinalizedHeader? LatestFinalized => _head?.Finalized;

    /// <summary>The committee threshold for <paramref name="members"/> nodes: a majority (dev: 2-of-3), never below 2.</summary>
    public static int CommitteeThreshold(int members) => Math.Max(2, (members / 2) + 1);

    private ILedgerStore Store => _store ?? throw new InvalidOperationException("The ledger is not initialized.");

    /// <summary>Opens the store, binds the chain id, records genesis and reloads the bound committee key. Idempotent.</summary>
    /// <exception cref="InvalidOperationException">The store is bound to another chain, or its genesis state differs.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            return;
        }

        var store = await _openStore(cancellationToken).ConfigureAwait(false);
        var chainId = _genesisDocument.ChainId;
        if (!await store.TrySetMetaAsync(ChainIdMeta, chainId, cancellationToken).ConfigureAwait(false)
            && await store.GetMetaAsync(ChainIdMeta, cancellationToken).ConfigureAwait(false) is { } bound && bound != chainId)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"The ledger database is bound to chain '{bound}' but the genesis document names '{chainId}'; the ledger does not start.");
        }

        var tree = new SparseMerkleTree(store);
        var genesis = Genesis.Create(_genesisDocument, tree);
        if (await store.GetHeadAsync(cancellationToken).ConfigureAwait(false) is not { } head)
        {
            await store.SetHeadAsync(0, genesis.Header.StateRoot, cancellationToken).ConfigureAwait(false);
            head = new LedgerHead(0, genesis.Header.StateRoot);
        }

        _genesis = genesis;
        _head = await LoadHeadAsync(store, head, genesis, cancellationToken).ConfigureAwait(false);
        _tree = tree.At(head.Root);
        _store = store;
        _pool = new PendingPoolWriter(store, _settings.MaxPending, Pooled);
        Interlocked.Exchange(ref _pending, await store.CountPendingAsync(cancellationToken).ConfigureAwait(false));
        if (await store.GetMetaAsync(CommitteeKeyMeta, cancellationToken).ConfigureAwait(false) is { } keyId)
        {
            _committeeKeyId = keyId;
            await LoadCommitteeAsync(keyId, cancellationToken).ConfigureAwait(false);
        }

        _sessions.OnSyncRequested((node, request) => _ = ReplySyncAsync(node, request));
        LogStarted(_logger, chainId, _head.Height);
        if (_settings.ProposeWrongStateRoot)
        {
            LogFaultInjected(_logger);
        }
    }

    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets up the committee, makes block 1 at once, then a block every interval while transactions are pooled.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The interval is a cadence: it counts from the start of this block, so a block that took longer than
                // the interval to build and sign is followed by the next one at once.
                var started = _time.GetTimestamp();
                var ready = false;
                try
                {
                    ready = await TryBindCommitteeAsync(stoppingToken).ConfigureAwait(false);
                    if (ready && (_head!.Height == 0 || await Store.CountPendingAsync(stoppingToken).ConfigureAwait(false) > 0))
                    {
                        await ProduceBlockAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                {
                    // The loop outlives a failed store call or session: the block is retried at the next interval.
                    _metrics.BlockFailed();
                    LogBlockFailed(_logger, e.GetType().Name, e.Message);
                }

                var wait = TimeSpan.FromMilliseconds(_settings.BlockIntervalMs) - _time.GetElapsedTime(started);
                if (ready)
                {
                    if (wait > TimeSpan.Zero)
                    {
                        await _wake.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await Task.Delay(CommitteeRetry, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The fault of <see cref="LedgerSettings.ProposeWrongStateRoot"/>: the same block with SHA-256(stateRoot) as its state root.</summary>
    private static BuiltBlock WithWrongStateRoot(BuiltBlock built)
    {
        var header = built.Block.Header;
        var wrong = BlockHeader.Create(header.Height, header.PrevHash, header.TimeUnixMilliseconds, header.TxRoot,
            System.Security.Cryptography.SHA256.HashData(header.StateRoot), header.EventsRoot);
        return built with { Block = Block.Create(wrong, built.Block.Transactions) };
    }

    /// <summary>
    /// Binds the committee key when none is: once every configured member is connected, creates the frost-ed25519 key
    /// "ledger-committee" (t = <see cref="CommitteeThreshold"/>, n = every member) and records its id. True once the
    /// chain is ready.
    /// </summary>
    public async Task<bool> TryBindCommitteeAsync(CancellationToken cancellationToken)
    {
        if (_chain is not null)
        {
            return true;
        }

        var keyId = _committeeKeyId;
        if (keyId is null)
        {
            if (!_members.All(_sessions.IsConnected))
            {
                return false;
            }

            KeyInfo key;
            try
            {
                key = await _keys.CreateKeyAsync(CommitteeKeyName, KeySchemes.FrostEd25519, CommitteeThreshold(_members.Count), _members.Count, approval: null,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ApiProblemException e)
            {
                LogCommitteeKeyFailed(_logger, e.Message);
                return false;
            }

            await Store.TrySetMetaAsync(CommitteeKeyMeta, key.Id, cancellationToken).ConfigureAwait(false);
            keyId = await Store.GetMetaAsync(CommitteeKeyMeta, cancellationToken).ConfigureAwait(false) ?? key.Id;
            _committeeKeyId = keyId;
            LogCommitteeKeyCreated(_logger, keyId);
        }

        return await LoadCommitteeAsync(keyId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the next block from the pool (block 1 even when the pool is empty), has the committee sign it and, once the
    /// signature verifies, stores it with its transactions' records and publishes it. A block that gets no signature is
    /// dropped: the tree reopens at the parent root and the transactions stay pooled. True when a block was finalized.
    /// </summary>
    public async Task<bool> ProduceBlockAsync(CancellationToken cancellationToken)
    {
        var chain = _chain ?? throw new InvalidOperationException("The committee key is not bound yet.");
        var head = _head!;
        var key = await _coordinatorStore.GetKeyAsync(_committeeKeyId!, cancellationToken).ConfigureAwait(false);
        if (key is not { DestroyedAt: null })
        {
            LogCommitteeKeyUnusable(_logger, _committeeKeyId!, "it is not a live key in the coordinator's store");
            return false;
        }

        var pending = FitFrame(await Store.GetPendingAsync(_settings.MaxTxPerBlock, cancellationToken).ConfigureAwait(false));
        if (pending.Count == 0 && head.Height > 0)
        {
            return false;
        }

        var time = Math.Max((ulong)_time.GetUtcNow().ToUnixTimeMilliseconds(), head.Header.TimeUnixMilliseconds);
        var built = _builder.Build(head.Header, _tree!, pending, time, _settings.MaxTxPerBlock);
        if (_settings.ProposeWrongStateRoot && head.Height > 0)
        {
            built = WithWrongStateRoot(built);
        }
        var finalized = false;
        try
        {
            var signing = await _signer.SignAsync(key, chain.ChainId, built.Block, head.Finalized, cancellationToken).ConfigureAwait(false);
            if (signing.Signature is null)
            {
                _metrics.BlockFailed();
                LogBlockDropped(_logger, (long)built.Block.Header.Height, signing.Attempts.Count, signing.Describe());
                return false;
            }

            var block = new FinalizedBlock(built.Block, signing.Signature);
            if (!await Store.AppendBlockAsync(block, Records(built), cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The ledger store refused block {block.Header.Height} on head {head.Height}: another writer moved its head.");
            }

            finalized = true;
            _head = new Head((long)block.Header.Height, block.Header, block.FinalizedHeader);
            Interlocked.Exchange(ref _pending, await Store.CountPendingAsync(cancellationToken).ConfigureAwait(false));
            Finalized(built, block);
            _ = AnnounceAsync(block, signing);
            return true;
        }
        finally
        {
            if (!finalized)
            {
                _tree = _tree!.At(head.Header.StateRoot);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<LedgerSubmitResponse> SubmitAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var chain = RequireChain();
        if (transaction.ChainId != chain.ChainId)
        {
            throw new ApiProblemException(400, "invalid-transaction", "Transaction for another chain",
                $"The transaction is for chain '{transaction.ChainId}'; this ledger is '{chain.ChainId}'.", "chainId");
        }

        if (Block.EncodedCost(transaction) > Block.MaxTransactionLength)
        {
            throw new ApiProblemException(400, "invalid-transaction", "Transaction too large",
                $"A transaction fits a block only up to {Block.MaxTransactionLength} bytes.", "args");
        }

        if (!transaction.VerifySignature())
        {
            throw new ApiProblemException(400, "invalid-transaction", "Bad signature", "The signature does not verify under the sender's key.", "signature");
        }

        var hash = transaction.Hash();
        var hex = Convert.ToHexStringLower(hash);
        if (await Store.GetTransactionAsync(hash, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return new LedgerSubmitResponse(hex, StatusOf(record));
        }

        if (!await Store.IsPendingAsync(hash, cancellationToken).ConfigureAwait(false))
        {
            await _pool!.AddAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        return new LedgerSubmitResponse(hex, "pending");
    }

    /// <inheritdoc/>
    public async Task<LedgerTransactionStatus?> GetTransactionAsync(byte[] hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        RequireChain();
        if (hash.Length != Transaction.HashLength)
        {
            return null;
        }

        var hex = Convert.ToHexStringLower(hash);
        if (await Store.GetTransactionAsync(hash, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return record.IsIncluded
                ? new LedgerTransactionStatus(hex, "included", record.Height, record.Index, Events: ParseEvents(record.EventsJson))
                : new LedgerTransactionStatus(hex, "rejected", record.Height, Reason: record.Reason, Detail: record.Detail);
        }

        return await Store.IsPendingAsync(hash, cancellationToken).ConfigureAwait(false) ? new LedgerTransactionStatus(hex, "pending") : null;
    }

    /// <inheritdoc/>
    public async Task<LedgerBlockInfo?> GetBlockAsync(long height, CancellationToken cancellationToken)
    {
        RequireChain();
        if (height == 0)
        {
            return BlockInfo(_genesis!, null, _genesis!.Encode());
        }

        if (height < 0 || height > _head!.Height || await Store.GetBlockAsync(height, cancellationToken).ConfigureAwait(false) is not { } block)
        {
            return null;
        }

        return BlockInfo(block.Block, block.Signature, block.Encode());
    }

    /// <inheritdoc/>
    public async Task<LedgerStatusInfo> GetStatusAsync(CancellationToken cancellationToken)
    {
        var chain = RequireChain();
        var head = _head!;
        var pending = await Store.CountPendingAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerStatusInfo(chain.ChainId, Convert.ToHexStringLower(chain.CommitteeKey.Bytes), head.Height, Convert.ToHexStringLower(head.Header.Hash()),
            Convert.ToHexStringLower(head.Header.StateRoot), (long)head.Header.TimeUnixMilliseconds, pending, _settings.BlockIntervalMs, _settings.MaxTxPerBlock);
    }

    /// <inheritdoc/>
    public LedgerAnswer<T> Query<T>(Func<IStateView, FinalizedHeaderInfo, T> query, bool withProof)
    {
        ArgumentNullException.ThrowIfNull(query);
        var chain = RequireChain();
        var head = _head!;
        if (withProof && head.Finalized is null)
        {
            throw new ApiProblemException(409, "ledger-no-finalized-block", "No signed block yet",
                "Only genesis exists, which is never signed; a proof needs a finalized block.", "proof");
        }

        var tree = new SparseMerkleTree(Store, head.Header.StateRoot);
        var reads = new RecordingStateView(tree.OpenView());
        var value = query(reads, new FinalizedHeaderInfo(head.Height, head.Header.TimeUnixMilliseconds));
        if (!withProof)
        {
            return new LedgerAnswer<T>(head.Height, value);
        }

        var proofs = reads.KeysRead.Select(key => Convert.ToHexStringLower(QueryProof.Create(tree, head.Finalized!, key).Encode())).ToList();
        return new LedgerAnswer<T>(head.Height, value, new LedgerProof(chain.ChainId, head.Height, proofs));
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<LedgerBlockEvent> SubscribeAsync(CancellationToken cancellationToken) => _events.SubscribeAsync(cancellationToken);

    /// <inheritdoc/>
    public bool IsLedgerKey(string keyId) => keyId is not null && keyId == _committeeKeyId;

    /// <summary>
    /// The answer to a node's catch-up request: up to min(max_blocks, <see cref="MaxSyncBlocks"/>) consecutive finalized
    /// blocks from from_height, no more than the frame budget (at most <see cref="MaxSyncBytes"/>) in all, and the head height.
    /// Blocks are built to fit the same budget, so an answer always carries at least one block when one is asked for.
    /// </summary>
    public async Task<LedgerBlocks> AnswerSyncAsync(LedgerSyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = _head?.Height ?? 0;
        var answer = new LedgerBlocks { HeadHeight = (ulong)head };
        var count = (int)Math.Min(request.MaxBlocks, MaxSyncBlocks);
        if (_store is null || count == 0 || request.FromHeight < 1 || request.FromHeight > (ulong)head)
        {
            return answer;
        }

        long bytes = 0;
        foreach (var block in await _store.GetBlocksAsync((long)request.FromHeight, count, cancellationToken).ConfigureAwait(false))
        {
            var encoded = block.Encode();
            if (bytes + encoded.Length > _syncByteBudget)
            {
                break;
            }

            bytes += encoded.Length;
            answer.Blocks.Add(ByteString.CopyFrom(encoded));
        }

        return answer;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    /// <remarks>Idempotent: the container tracks the one instance under each service it is registered as.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Dispose();
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The leading pending transactions whose block fits one cluster frame (the proposal travels in one).</summary>
    private List<Transaction> FitFrame(IReadOnlyList<Transaction> pending)
    {
        var fitting = new List<Transaction>(pending.Count);
        long size = Block.EmptyEncodedLength;
        foreach (var transaction in pending)
        {
            size += Block.EncodedCost(transaction);
            if (size > _blockByteBudget)
            {
                break;
            }

            fitting.Add(transaction);
        }

        return fitting;
    }

    private static async Task<Head> LoadHeadAsync(ILedgerStore store, LedgerHead head, Block genesis, CancellationToken cancellationToken)
    {
        if (head.Height == 0)
        {
            return genesis.Header.StateRoot.AsSpan().SequenceEqual(head.Root)
                ? new Head(0, genesis.Header, null)
                : throw new InvalidOperationException("The ledger database's genesis state differs from the genesis document's; the ledger does not start.");
        }

        var block = await store.GetBlockAsync(head.Height, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"The ledger database's head is block {head.Height}, which it does not hold.");
        return new Head(head.Height, block.Header, block.FinalizedHeader);
    }

    private async Task<bool> LoadCommitteeAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await _coordinatorStore.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (key is not { DestroyedAt: null } || key.Scheme != KeySchemes.FrostEd25519 || key.PublicKey.Length != Ed25519PublicKey.Length)
        {
            LogCommitteeKeyUnusable(_logger, keyId, "it is not a live frost-ed25519 key in the coordinator's store");
            return false;
        }

        _chain = new ChainConfig { Genesis = _genesisDocument, CommitteeKey = Ed25519PublicKey.FromBytes(key.PublicKey) };
        return true;
    }

    private ChainConfig RequireChain() => _chain
        ?? throw new ApiProblemException(503, "ledger-not-ready", "Ledger not ready",
            "The ledger starts once every cluster node has connected and the committee key exists.");

    private void Pooled(IReadOnlyList<Transaction> transactions, long pending)
    {
        var now = _time.GetTimestamp();
        foreach (var transaction in transactions)
        {
            _pooledAt.TryAdd(transaction.Hash(), now);
        }

        Interlocked.Exchange(ref _pending, pending);
        if (pending >= _settings.MaxTxPerBlock && _wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another submission woke the loop first.
            }
        }
    }

    private void Finalized(BuiltBlock built, FinalizedBlock block)
    {
        foreach (var processed in built.Processed)
        {
            if (_pooledAt.TryRemove(processed.Transaction.Hash(), out var pooledAt))
            {
                _metrics.Finality(_time.GetElapsedTime(pooledAt));
            }
        }

        var included = block.Block.Transactions.Count;
        _metrics.BlockFinalized(included, built.Processed.Count - included);
        _events.Publish(new LedgerBlockEvent("ledger.block", (long)block.Header.Height, Convert.ToHexStringLower(block.Header.Hash()), included,
            (long)block.Header.TimeUnixMilliseconds));
    }

    private static List<LedgerTransactionRecord> Records(BuiltBlock built)
    {
        var height = (long)built.Block.Header.Height;
        var records = new List<LedgerTransactionRecord>(built.Processed.Count);
        var index = 0;
        foreach (var (transaction, outcome) in built.Processed)
        {
            records.Add(outcome.IsIncluded
                ? new LedgerTransactionRecord(transaction.Hash(), height, index++, null, null, EventsJson(outcome.Events))
                : new LedgerTransactionRecord(transaction.Hash(), height, null, outcome.Reason, outcome.Detail, null));
        }

        return records;
    }

    private static string EventsJson(IReadOnlyList<LedgerEvent> events) =>
        JsonSerializer.Serialize<IReadOnlyList<LedgerEventInfo>>(
            [.. events.Select(e => new LedgerEventInfo(e.Module, e.Name, [.. e.Attributes.Select(a => new LedgerEventAttribute(a.Key, a.Value))]))],
            LedgerJsonContext.Default.IReadOnlyListLedgerEventInfo);

    private static IReadOnlyList<LedgerEventInfo> ParseEvents(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, LedgerJsonContext.Default.IReadOnlyListLedgerEventInfo)
            ?? throw new InvalidDataException("A stored transaction record has no events array.");

    private static string StatusOf(LedgerTransactionRecord record) => record.IsIncluded ? "included" : "rejected";

    private static LedgerBlockInfo BlockInfo(Block block, byte[]? signature, byte[] encoded)
    {
        var header = block.Header;
        return new LedgerBlockInfo((long)header.Height, Convert.ToHexStringLower(header.Hash()), Convert.ToHexStringLower(header.PrevHash),
            (long)header.TimeUnixMilliseconds, Convert.ToHexStringLower(header.TxRoot), Convert.ToHexStringLower(header.StateRoot),
            Convert.ToHexStringLower(header.EventsRoot), signature is null ? null : Convert.ToHexStringLower(signature),
            [.. block.Transactions.Select(t => Convert.ToHexStringLower(t.Hash()))], Convert.ToHexStringLower(encoded));
    }

    /// <summary>
    /// Sends the finalized block to the nodes that signed it, so each stores it at once (from the candidate it executed)
    /// rather than when the next proposal brings the signature. Best effort: a node that misses it finalizes from the
    /// next proposal or by catch-up.
    /// </summary>
    private async Task AnnounceAsync(FinalizedBlock block, BlockSigning signing)
    {
        if (signing.Attempts[^1].End is not SessionEnd.Completed completed)
        {
            return;
        }

        var frame = new ClusterFrame { LedgerBlocks = new LedgerBlocks { HeadHeight = block.Header.Height } };
        frame.LedgerBlocks.Blocks.Add(ByteString.CopyFrom(block.Encode()));
        foreach (var node in completed.Reports.Keys)
        {
            try
            {
                await _sessions.SendAsync(node, frame, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogAnnounceFailed(_logger, node, (long)block.Header.Height, e.GetType().Name);
            }
        }
    }

    private async Task ReplySyncAsync(int node, LedgerSyncRequest request)
    {
        try
        {
            var answer = await AnswerSyncAsync(request, CancellationToken.None).ConfigureAwait(false);
            await _sessions.SendAsync(node, new ClusterFrame { LedgerBlocks = answer }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSyncFailed(_logger, node, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Ledger sequencer for chain {ChainId} opened at height {Height}")]
    private static partial void LogStarted(ILogger logger, string chainId, long height);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Created the ledger committee key {KeyId}")]
    private static partial void LogCommitteeKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not create the ledger committee key: {Reason}")]
    private static partial void LogCommitteeKeyFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The ledger committee key {KeyId} cannot be used: {Reason}")]
    private static partial void LogCommitteeKeyUnusable(ILogger logger, string keyId, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Ledger block {Height} dropped after {Attempts} signing attempts ({Sessions}); its transactions stay pooled")]
    private static partial void LogBlockDropped(ILogger logger, long height, int attempts, string sessions);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "A ledger sequencer step failed ({Error}: {Detail}); retrying at the next interval")]
    private static partial void LogBlockFailed(ILogger logger, string error, string detail);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Fault injection: every ledger block after block 1 is proposed with a wrong state root")]
    private static partial void LogFaultInjected(ILogger logger);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Debug, Message = "Could not send finalized block {Height} to node {NodeId} ({Error}); it finalizes from the next proposal or by catch-up")]
    private static partial void LogAnnounceFailed(ILogger logger, int nodeId, long height, string error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Could not answer node {NodeId}'s ledger catch-up request ({Error}: {Detail})")]
    private static partial void LogSyncFailed(ILogger logger, int nodeId, string error, string detail);

    /// <summary>The latest finalized block: its height, header and signature (null for genesis).</summary>
    private sealed record Head(long Height, BlockHeader Header, FinalizedHeader? Finalized);
}
