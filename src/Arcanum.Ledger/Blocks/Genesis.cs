using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.State;

namespace Arcanum.Ledger.Blocks;

/// <summary>
/// The genesis block: height 0, prevHash 32 zero bytes, time 0, no transactions (so txRoot and eventsRoot are the
/// roots of empty lists, SHA-256("")), and stateRoot the root of the genesis document applied to an empty tree. Every
/// node computes it from the <see cref="ChainConfig"/>; it is never signed.
/// </summary>
public static class Genesis
{
    /// <summary>The genesis block time: the genesis document carries none, so it is 0 and constrains nothing.</summary>
    public const ulong TimeUnixMilliseconds = 0;

    /// <summary>
    /// Applies <paramref name="document"/> to <paramref name="tree"/>, which must be empty, commits it and returns the
    /// genesis block.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="tree"/> is not empty.</exception>
    public static Block Create(GenesisDocument document, SparseMerkleTree tree)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(tree);
        if (!tree.Root.AsSpan().SequenceEqual(SparseMerkleTree.EmptyRoot))
        {
            throw new InvalidOperationException("The genesis state is applied to an empty tree.");
        }

        var view = tree.OpenView();
        document.Apply(view);
        var stateRoot = view.Commit();
        var header = BlockHeader.Create(
            height: 0,
            prevHash: new byte[BlockHeader.HashLength],
            TimeUnixMilliseconds,
            BlockRoots.TxRoot([]),
            stateRoot,
            BlockRoots.EventsRoot([]));
        return Block.Create(header, []);
    }
}
