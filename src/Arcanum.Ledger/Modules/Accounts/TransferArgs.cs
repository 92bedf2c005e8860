using System.Diagnostics.CodeAnalysis;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Encoding;
using Arcanum.Ledger.Modules.Common;

namespace Arcanum.Ledger.Modules.Accounts;

/// <summary><c>accounts.transfer</c> args: <c>to (32) ‖ u64(amount)</c>.</summary>
public sealed record TransferArgs(AccountId To, ulong Amount)
{
    /// <summary>The canonical encoding.</summary>
    public byte[] Encode() => new CanonicalWriter().WriteFixed(To.Bytes).WriteUInt64(Amount).ToArray();

    /// <summary>Decodes exactly one canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out TransferArgs? args)
    {
        args = null;
        var reader = new CanonicalReader(encoded);
        if (!reader.TryReadAccount(out var to) || !reader.TryReadUInt64(out var amount) || !reader.IsAtEnd)
        {
            return false;
        }
        args = new TransferArgs(to, amount);
        return true;
    }
}
