using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Encoding;
using Arcanum.Crypto.Signatures;

namespace Arcanum.Ledger.Accounts;

/// <summary>
/// A ledger account: the account id is the account's 32-byte Ed25519 public key (RFC 8032 §5.1.5) itself,
/// so a transaction's sender is also the key that verifies it. Written as BIP173 Bech32 with the
/// human-readable part <c>arc</c> (<c>arc1…</c>, 62 characters) or as 64 hexadecimal digits; both parse
/// strictly, in lower case only, so every account has exactly two textual forms.
/// </summary>
public sealed class AccountId : IEquatable<AccountId>, IComparable<AccountId>
{
    /// <summary>Length of an account id in bytes.</summary>
    public const int Length = Ed25519PublicKey.Length;

    /// <summary>The Bech32 human-readable part.</summary>
    public const string Hrp = "arc";

    private readonly byte[] _bytes;

    private AccountId(byte[] bytes) => _bytes = bytes;

    /// <summary>The 32 bytes of the id (the Ed25519 public key).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The id of the account whose key is <paramref name="publicKey"/>.</summary>
    public static AccountId FromPublicKey(Ed25519PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new AccountId(publicKey.Bytes.ToArray());
    }

    /// <summary>Wraps 32 bytes; false for any other length.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out AccountId? id)
    {
        id = bytes.Length == Length ? new AccountId(bytes.ToArray()) : null;
        return id is not null;
    }

    /// <summary>Wraps 32 bytes; throws <see cref="ArgumentException"/> for any other length.</summary>
    public static AccountId FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var id) ? id : throw new ArgumentException($"An account id is {Length} bytes long.", nameof(bytes));

    /// <summary>
    /// Parses <c>arc1…</c> (lower-case BIP173 Bech32, not Bech32m, 32 bytes with zero padding bits) or
    /// 64 lower-case hexadecimal digits; false for anything else, never throws.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AccountId? id)
    {
        id = null;
        if (text is null)
        {
            return false;
        }
        if (text.StartsWith(Hrp + "1", StringComparison.Ordinal))
        {
            if (text.AsSpan().ContainsAnyInRange('A', 'Z')
                || !Bech32.TryDecode(text, out var decoded, out _)
                || decoded.Variant != Bech32Variant.Bech32
                || decoded.Hrp != Hrp
                || !Bech32.TryFromFiveBitGroups(decoded.Data.Span, out var bytes))
            {
                return false;
            }
            return TryFromBytes(bytes, out id);
        }
        if (text.Length != 2 * Length || text.AsSpan().ContainsAnyInRange('A', 'F'))
        {
            return false;
        }
        return Hex.TryDecode(text, out var raw) && TryFromBytes(raw, out id);
    }

    /// <summary>The Ed25519 key that verifies this account's transactions.</summary>
    public Ed25519PublicKey ToPublicKey() => Ed25519PublicKey.FromBytes(_bytes);

    /// <summary>The Bech32 form <c>arc1…</c>.</summary>
    public string ToBech32() => Bech32.Encode(Hrp, Bech32.ToFiveBitGroups(_bytes), Bech32Variant.Bech32);

    /// <summary>The 64 lower-case hexadecimal digits.</summary>
    public string ToHex() => Hex.Encode(_bytes);

    /// <summary>The Bech32 form.</summary>
    public override string ToString() => ToBech32();

    public bool Equals(AccountId? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as AccountId);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Byte-wise order, the order state keys sort in.</summary>
    public int CompareTo(AccountId? other) => other is null ? 1 : _bytes.AsSpan().SequenceCompareTo(other._bytes);
}
