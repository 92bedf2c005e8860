using Arcanum.Ledger.Blocks;
using Arcanum.Ledger.Encoding;

namespace Arcanum.Node.Ledger;

/// <summary>
/// Keeps general signing sessions away from block headers (docs/node.md, "Nodes and blocks"): a message that starts
/// with <see cref="BlockHeader.SigningDomain"/> — as header signing bytes do, length-prefixed, or as bare UTF-8 — is
/// signed only by a ledger block session, after this node re-executed the block.
/// </summary>
internal static class HeaderSigningDomain
{
    private static readonly byte[] Bare = System.Text.Encoding.UTF8.GetBytes(BlockHeader.SigningDomain);

    /// <summary><c>str(domain)</c>: how every header's signing bytes start.</summary>
    private static readonly byte[] Prefixed = new CanonicalWriter().WriteString(BlockHeader.SigningDomain).ToArray();

    /// <summary>True when <paramref name="message"/> starts with the header signing domain (either form).</summary>
    public static bool IsReserved(ReadOnlySpan<byte> message) => message.StartsWith(Prefixed) || message.StartsWith(Bare);
}
