using Arcanum.Crypto.Signatures;
using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.State;
using Arcanum.Storage.Ledger;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Ledger;

/// <summary>
/// This node's copy of the ledger (issue 8, "Blocks"; docs/node.md, "Nodes and blocks"): the store, the state tree at
/// the finalized head, the genesis document, the blocks it re-executed and would sign (candidates) and the committee
/// key it is bound to. It decides what the node signs for a ledger block session (<see cref="PrepareAsync"/>) and
/// applies the finalized blocks of catch-up (<see cref="ApplyFinalizedAsync"/>). Operations are serialised: sessions
/// and catch-up may call concurrently.
/// </summary>
public sealed class LedgerReplica : IAsyncDisposable
{
    /// <summary>The store setting naming the committee key this copy is bound to.</summary>
    public const string CommitteeKeyIdMeta = "committee_key_id";

    /// <summary>The store setting holding that key's group public key (hex), learned from this node's own share.</summary>
    public const string CommitteeKeyMeta = "committee_public_key";

    /// <summary>The store setting naming the chain this copy belongs to.</summary>
    public const string ChainIdMeta = "chain_id";

    /// <summary>How many executed, not yet finalized blocks are kept (a retried proposal or a competing one).</summary>
    public const int MaxCandidates = 8;

    private readonly ILedgerStore _store;
    private readonly GenesisDocument _genesis;
    private readonly BlockVerifier _verifier;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CandidateBlocks _candidates = new(MaxCandidates);
    private SparseMerkleTree _tree;
    private BlockHeader _headHeader;
    private long _headHeight;
    private volatile string? _boundKeyId;
    private Ed25519PublicKey? _committeeKey;

    private LedgerReplica(ILedgerStore store, GenesisDocument genesis, SparseMerkleTree tree, LedgerHead head, BlockHeader headHeader, string? boundKeyId, Ed25519PublicKey? committeeKey)
    {
        _store = store;
        _genesis = genesis;
        _verifier = new BlockVerifier(genesis.ChainId, TransactionExecutor.CreateDefault());
        _tree = tree;
        _headHeight = head.Height;
        _headHeader = headHeader;
        _boundKeyId = boundKeyId;
        _committeeKey = committeeKey;
    }

    /// <summary>Raised (outside the replica's lock) when a proposal shows this copy is behind the chain: catch up from <see cref="LedgerBehindEventArgs.FromHeight"/>.</summary>
    public event EventHandler<LedgerBehindEventArgs>? FellBehind;

    /// <summary>The chain id, from the genesis document.</summary>
    public string ChainId => _genesis.ChainId;

    /// <summary>The finalized head's height (0 = genesis).</summary>
    public long HeadHeight => Interlocked.Read(ref _headHeight);

    /// <summary>The finalized head's header (the genesis block's at height 0).</summary>
    public BlockHeader HeadHeader => Volatile.Read(ref _headHeader);

    /// <summary>The state root of the head as this copy holds it.</summary>
    public byte[] StateRoot => Volatile.Read(ref _tree).Root;

    /// <summary>The id of the committee key this copy is bound to, or null before the first ledger block session.</summary>
    public string? BoundKeyId => _boundKeyId;

    /// <summary>
    /// Opens the copy configured by a node's <c>chain</c> section: parses the genesis document at
    /// <paramref name="genesisPath"/> (strictly; <see cref="InvalidDataException"/> naming the field otherwise) and opens
    /// the database at <paramref name="databasePath"/> with <paramref name="openStore"/>, which returns a migrated store.
    /// </summary>
    public static async Task<LedgerReplica> OpenAsync(string genesisPath, string databasePath, Func<string, Task<ILedgerStore>> openStore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openStore);
        var length = new FileInfo(genesisPath).Length;
        if (length > GenesisDocument.MaxLength)
        {
            throw new InvalidDataException($"The genesis document {genesisPath} is {length} bytes; at most {GenesisDocument.MaxLength} are read.");
        }

        var json = await File.ReadAllBytesAsync(genesisPath, cancellationToken).ConfigureAwait(false);
        if (!GenesisDocument.TryParse(json, out var genesis, out var error))
        {
            throw new InvalidDataException($"The genesis document {genesisPath} is not valid: {FieldErrors.Describe(error)}");
        }

        var store = await openStore(databasePath).ConfigureAwait(false);
        try
        {
            return await OpenAsync(store, genesis, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens the copy in <paramref name="store"/> (migrated) for <paramref name="genesis"/>: an empty store gets the
    /// genesis state and head 0; a store that belongs to another chain is refused (<see cref="InvalidDataException"/>).
    /// The replica owns the store from here on and disposes it.
    /// </summary>
    public static async Task<LedgerReplica> OpenAsync(ILedgerStore store, GenesisDocument genesis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(genesis);
        if (!await store.TrySetMetaAsync(ChainIdMeta, genesis.ChainId, cancellationToken).ConfigureAwait(false)
            && await store.GetMetaAsync(ChainIdMeta, cancellationToken).ConfigureAwait(false) is { } stored
            && stored != genesis.ChainId)
        {
            throw new InvalidDataException($"The ledger database belongs to chain '{stored}'; the genesis document names '{genesis.ChainId}'.");
        }

        // Every copy computes genesis itself; applying it again writes nodes that are already there (idempotent).
        var genesisBlock = Genesis.Create(genesis, new SparseMerkleTree(store));
        var head = await store.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            _ = await store.SetHeadAsync(0, genesisBlock.Header.StateRoot, cancellationToken).ConfigureAwait(false);
            head = await store.GetHeadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException("The ledger store recorded no head after genesis.");
        }

        var headHeader = head.Height == 0
            ? genesisBlock.Header
            : (await store.GetBlockAsync(head.Height, cancellationToken).ConfigureAwait(false))?.Header
                ?? throw new InvalidDataException($"The ledger store's head is at height {head.Height} but holds no block there.");
        var keyId = await store.GetMetaAsync(CommitteeKeyIdMeta, cancellationToken).ConfigureAwait(false);
        var keyHex = await store.GetMetaAsync(CommitteeKeyMeta, cancellationToken).ConfigureAwait(false);
        Ed25519PublicKey? committeeKey = null;
        if (keyId is not null)
        {
            committeeKey = TryParseKey(keyHex)
                ?? throw new InvalidDataException($"The ledger store is bound to key {keyId} but holds no valid {CommitteeKeyMeta}.");
        }

        // The tree is at the head's root as recorded: if the state was tampered with, re-execution names both roots.
        return new LedgerReplica(store, genesis, new SparseMerkleTree(store, head.Root), head, headHeader, keyId, committeeKey);
    }

    /// <summary>
    /// Decides whether this node signs <paramref name="proposal"/> with key <paramref name="keyId"/>, whose group key
    /// (from this node's own share) is <paramref name="committeeKey"/>. Finalizes the parent candidate when the
    /// proposal carries its signature, re-executes the block on this copy, keeps it as a candidate and returns the
    /// header's signing bytes; otherwise the refusal. A proposal beyond head + 1 refuses as behind and raises
    /// <see cref="FellBehind"/>.
    /// </summary>
    public async Task<LedgerPreparation> PrepareAsync(LedgerBlockProposal proposal, string keyId, Ed25519PublicKey committeeKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(committeeKey);
        LedgerPreparation result;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            result = await PrepareLockedAsync(proposal, keyId, committeeKey, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        if (result.BehindFrom is { } from)
        {
            FellBehind?.Invoke(this, new LedgerBehindEventArgs(from));
        }

        return result;
    }

    /// <summary>
    /// Applies one finalized block from catch-up: it must be at head + 1, carry the bound committee key's signature and
    /// re-execute to its roots on this copy; then it is stored and becomes the head. Returns null when applied, else
    /// why not (nothing changed).
    /// </summary>
    public async Task<string?> ApplyFinalizedAsync(FinalizedBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_committeeKey is null)
            {
                return "no ledger key is bound yet: the blocks' committee signatures cannot be checked";
            }

            if (block.Header.Height != (ulong)_headHeight + 1)
            {
                return $"block {block.Header.Height} does not follow the head {_headHeight}";
            }

            if (!CommitteeSignature.Verify(_committeeKey, ChainId, block.Header, block.Signature))
            {
                return $"{BlockFault.BadCommitteeSignature}: block {block.Header.Height} is not signed by this node's ledger key";
            }

            // A block this node executed and signed itself needs no second execution: same header, same transactions
            // (the header commits to them), same state.
            if (_candidates.Find(block.Header.Hash()) is { } candidate)
            {
                return await AppendLockedAsync(new FinalizedBlock(candidate.Block, block.Signature), candidate.State, cancellationToken).ConfigureAwait(false);
            }

            var verification = _verifier.Verify(_headHeader, _tree, block.Block);
            return verification.IsValid
                ? await AppendLockedAsync(block, verification.State!, cancellationToken).ConfigureAwait(false)
                : $"block {block.Header.Height}: {verification.Finding}";
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<LedgerPreparation> PrepareLockedAsync(LedgerBlockProposal proposal, string keyId, Ed25519PublicKey committeeKey, CancellationToken cancellationToken)
    {
        if (proposal.ChainId != ChainId)
        {
            return LedgerPreparation.Refuse($"the proposal is for chain '{proposal.ChainId}'; this node's genesis names '{ChainId}'");
        }

        if (_boundKeyId is { } bound && (bound != keyId || !committeeKey.Equals(_committeeKey)))
        {
            return LedgerPreparation.Refuse(bound == keyId
                ? $"the share of key {keyId} has another group key than the one this ledger is bound to"
                : $"this node's ledger is bound to key {bound}; the proposal names key {keyId}");
        }

        if (!Block.TryDecode(proposal.Block.Span, out var block, out var blockError))
        {
            return LedgerPreparation.Refuse($"the proposed block does not decode: {FieldErrors.Describe(blockError)}");
        }

        FinalizedHeader? parent = null;
        if (!proposal.Parent.IsEmpty)
        {
            if (!FinalizedHeader.TryDecode(proposal.Parent.Span, out parent, out var parentError))
            {
                return LedgerPreparation.Refuse($"the parent header does not decode: {FieldErrors.Describe(parentError)}");
            }

            if (!CommitteeSignature.Verify(committeeKey, ChainId, parent.Header, parent.Signature))
            {
                return LedgerPreparation.Refuse($"the committee signature of parent block {parent.Header.Height} does not verify under this node's key {keyId}");
            }
        }

        // Bound before the height checks: a node that is behind must check the blocks it catches up with.
        if (_boundKeyId is null)
        {
            await BindLockedAsync(keyId, committeeKey, cancellationToken).ConfigureAwait(false);
        }

        if (parent is not null && parent.Header.Height == (ulong)_headHeight + 1 && _candidates.Find(parent.Header.Hash()) is { } candidate)
        {
            _ = await AppendLockedAsync(new FinalizedBlock(candidate.Block, parent.Signature), candidate.State, cancellationToken).ConfigureAwait(false);
        }

        var height = block.Header.Height;
        if (height <= (ulong)_headHeight)
        {
            return LedgerPreparation.Refuse($"already finalized: head {_headHeight}, proposal for block {height}");
        }

        if (height > (ulong)_headHeight + 1)
        {
            return LedgerPreparation.Behind($"behind: head {_headHeight}, proposal for block {height}", _headHeight + 1);
        }

        if (parent is null ? _headHeight != 0 : !parent.Header.Hash().AsSpan().SequenceEqual(_headHeader.Hash()))
        {
            return LedgerPreparation.Refuse(parent is null
                ? $"the proposal for block {height} carries no parent header"
                : $"the parent header ({Convert.ToHexStringLower(parent.Header.Hash())}) is not this node's head {_headHeight} ({Convert.ToHexStringLower(_headHeader.Hash())})");
        }

        var verification = _verifier.Verify(_headHeader, _tree, block);
        if (!verification.IsValid)
        {
            return LedgerPreparation.Refuse(verification.Finding!.ToString());
        }

        _candidates.Add(block.Header.Hash(), new CandidateBlock(block, verification.State!));
        return LedgerPreparation.Sign(block.Header.SigningBytes(ChainId));
    }

    private async Task BindLockedAsync(string keyId, Ed25519PublicKey committeeKey, CancellationToken cancellationToken)
    {
        // The public key first: a store bound to a key id always has that key's public key.
        // A key left by an interrupted binding must be the same one.
        if (!await _store.TrySetMetaAsync(CommitteeKeyMeta, committeeKey.ToString(), cancellationToken).ConfigureAwait(false)
            && await _store.GetMetaAsync(CommitteeKeyMeta, cancellationToken).ConfigureAwait(false) != committeeKey.ToString())
        {
            throw new InvalidDataException($"The ledger store holds another {CommitteeKeyMeta} than the group key of key {keyId}.");
        }

        if (!await _store.TrySetMetaAsync(CommitteeKeyIdMeta, keyId, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidDataException("The ledger store was bound to a committee key by someone else while this node held it open.");
        }

        _committeeKey = committeeKey;
        _boundKeyId = keyId;
    }

    /// <summary>Stores a verified block and moves the head to it; null when stored, else why not.</summary>
    private async Task<string?> AppendLockedAsync(FinalizedBlock block, SparseMerkleTree state, CancellationToken cancellationToken)
    {
        if (!await _store.AppendBlockAsync(block, [], cancellationToken).ConfigureAwait(false))
        {
            return $"the ledger store did not take block {block.Header.Height} after head {_headHeight}";
        }

        Volatile.Write(ref _tree, state);
        Volatile.Write(ref _headHeader, block.Header);
        Interlocked.Exchange(ref _headHeight, (long)block.Header.Height);
        return null;
    }

    private static Ed25519PublicKey? TryParseKey(string? hex)
    {
        if (hex is not { Length: Ed25519PublicKey.Length * 2 })
        {
            return null;
        }

        try
        {
            return Ed25519PublicKey.FromBytes(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A block this node re-executed (and may sign), with the tree at its state root.</summary>
    private sealed record CandidateBlock(Block Block, SparseMerkleTree State);

    /// <summary>The last few candidates by header hash; the oldest is forgotten first.</summary>
    private sealed class CandidateBlocks(int capacity)
    {
        private readonly Dictionary<string, CandidateBlock> _byHash = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public void Add(byte[] hash, CandidateBlock candidate)
        {
            var key = Convert.ToHexString(hash);
            if (_byHash.TryAdd(key, candidate))
            {
                _order.Enqueue(key);
            }

            while (_order.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _byHash.Remove(oldest);
            }
        }

        public CandidateBlock? Find(byte[] hash) => _byHash.GetValueOrDefault(Convert.ToHexString(hash));
    }
}
