namespace Arcanum.Ledger.Blocks;

/// <summary>Why a node refuses to sign a block, or a verifier rejects a chain, at the first failing check.</summary>
public enum BlockFault
{
    /// <summary>The height is not the parent's + 1 (in a chain: a block is missing, repeated or out of order).</summary>
    WrongHeight,

    /// <summary>prevHash is not the hash of the parent header.</summary>
    PrevHashMismatch,

    /// <summary>The block time is before the parent's.</summary>
    TimeBeforeParent,

    /// <summary>The node's own state before the block is not at the parent's state root (tampered or behind).</summary>
    ParentStateMismatch,

    /// <summary>txRoot is not the root of the block's transactions.</summary>
    TxRootMismatch,

    /// <summary>A transaction of the block is rejected when re-executed; blocks carry only included transactions.</summary>
    TransactionRejected,

    /// <summary>eventsRoot is not the root of the outcomes of re-execution.</summary>
    EventsRootMismatch,

    /// <summary>stateRoot is not the root of the state after re-execution.</summary>
    StateRootMismatch,

    /// <summary>The committee signature does not verify under the chain's committee key.</summary>
    BadCommitteeSignature,

    /// <summary>A snapshot's key/value pairs do not have the signed header's state root (or repeat a key).</summary>
    SnapshotStateMismatch,
}

/// <summary>A failed check: which one, and a sentence with the values that disagree.</summary>
/// <param name="Fault">The check that failed.</param>
/// <param name="Detail">What was expected and what was found.</param>
public sealed record BlockFinding(BlockFault Fault, string Detail)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Fault}: {Detail}";
}
