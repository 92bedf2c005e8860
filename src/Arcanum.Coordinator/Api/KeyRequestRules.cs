using System.Buffers;
using Arcanum.Client.Contracts;
using Arcanum.Mpc.Derivation;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// The checks the API makes before it asks the cluster for anything (docs/api.md). Each method adds
/// every failure to <see cref="FieldErrors"/> and returns the parsed value only when its input is valid.
/// </summary>
internal static class KeyRequestRules
{
    public const int MaxNameLength = 64;

    /// <summary>The largest committee threshold ECDSA key generation accepts (<c>EcdsaKeygen</c>, docs/ecdsa.md): its pairwise OT setup grows with n².</summary>
    public const int MaxEcdsaParties = 16;

    public const int MinParties = 2;

    public const int DigestBytes = 32;

    public const int MaxMessageBytes = 16 * 1024;

    /// <summary>POST /v1/keys: name, scheme, and the committee (parties defaults to every member).</summary>
    public static (string Name, string Scheme, int Threshold, int Parties)? Create(CreateKeyRequest request, int members, FieldErrors errors)
    {
        var name = Name(request.Name, errors);
        var scheme = Scheme(request.Scheme, errors);
        var committee = Committee(request.Threshold, request.Parties, partiesRequired: false, scheme, members, errors);
        return name is not null && scheme is not null && committee is { } c ? (name, scheme, c.Threshold, c.Parties) : null;
    }

    /// <summary>POST /v1/keys/{id}/reshare: threshold and parties both required, bounded as at creation.</summary>
    public static (int Threshold, int Parties)? Reshare(ReshareRequest request, string scheme, int members, FieldErrors errors) =>
        Committee(request.Threshold, request.Parties, partiesRequired: true, scheme, members, errors);

    /// <summary>POST /v1/keys/{id}/sign: the payload the scheme signs and the derivation path.</summary>
    public static (byte[] Payload, IReadOnlyList<uint> Path)? Sign(SignRequest request, string scheme, FieldErrors errors)
    {
        var payload = Payload(scheme, request.Message, request.Digest, errors);
        var path = Path(request.Path, errors);
        return payload is not null && path is not null && errors.IsEmpty ? (payload, path) : null;
    }

    private static string? Name(string? name, FieldErrors errors)
    {
        if (name is null)
        {
            errors.Add("name", "required");
            return null;
        }

        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            errors.Add("name", $"must be 1 to {MaxNameLength} characters from A-Z a-z 0-9 . _ -");
            return null;
        }

        if (name == Ledger.LedgerSequencer.CommitteeKeyName)
        {
            // The sequencer creates the ledger's committee key under this name; a user key holding it would block that.
            errors.Add("name", $"'{name}' is reserved for the ledger's committee key");
            return null;
        }

        return name;
    }

    private static string? Scheme(string? scheme, FieldErrors errors)
    {
        if (scheme is null || !KeySchemes.All.Contains(scheme, StringComparer.Ordinal))
        {
            errors.Add("scheme", scheme is null ? "required" : $"must be one of {string.Join(", ", KeySchemes.All)}");
            return null;
        }

        return scheme;
    }

    /// <summary>
    /// The committee size n and threshold t: 2 ≤ n ≤ members (n ≤ 16 for ecdsa-secp256k1), 2 ≤ t ≤ n.
    /// A missing n means every member when <paramref name="partiesRequired"/> is false. The scheme may
    /// be null (itself invalid); then only the scheme-independent bounds are checked.
    /// </summary>
    private static (int Threshold, int Parties)? Committee(int? threshold, int? parties, bool partiesRequired, string? scheme, int members, FieldErrors errors)
    {
        int? n = parties ?? (partiesRequired ? null : members);
        var maxParties = scheme == KeySchemes.EcdsaSecp256k1 ? Math.Min(members, MaxEcdsaParties) : members;
        if (n is null)
        {
            errors.Add("parties", "required");
        }
        else if (n < MinParties || n > maxParties)
        {
            var bound = scheme == KeySchemes.EcdsaSecp256k1 && members > MaxEcdsaParties
                ? $"{MaxEcdsaParties} for {KeySchemes.EcdsaSecp256k1}"
                : $"the number of cluster members ({members})";
            errors.Add("parties", $"must be between {MinParties} and {bound}, not {n}");
            n = null;
        }

        if (threshold is null)
        {
            errors.Add("threshold", "required");
        }
        else if (threshold < MinParties || threshold > (n ?? maxParties))
        {
            errors.Add("threshold", $"must be between {MinParties} and the number of parties ({n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n"}), not {threshold}");
            threshold = null;
        }

        return threshold is { } t && n is { } count ? (t, count) : null;
    }

    /// <summary>
    /// The bytes to sign: <c>message</c> (hex, ≤ 16 KiB) for frost-ed25519/frost-secp256k1,
    /// <c>digest</c> (exactly 32 bytes hex) for ecdsa-secp256k1/frost-taproot; the other must be absent.
    /// </summary>
    private static byte[]? Payload(string scheme, string? message, string? digest, FieldErrors errors)
    {
        var (wanted, wantedText, other, otherText) = KeySchemes.SignsDigest(scheme)
            ? ("digest", digest, "message", message)
            : ("message", message, "digest", digest);
        if (otherText is not null)
        {
            errors.Add(other, $"{scheme} keys sign a {wanted}; do not send {other}");
        }

        if (wantedText is null)
        {
            errors.Add(wanted, $"required for {scheme} keys");
            return null;
        }

        var bytes = Hex(wanted, wantedText, errors);
        if (bytes is null)
        {
            return null;
        }

        if (wanted == "digest" && bytes.Length != DigestBytes)
        {
            errors.Add(wanted, $"must be exactly {DigestBytes} bytes, not {bytes.Length}");
            return null;
        }

        if (bytes.Length > MaxMessageBytes)
        {
            errors.Add(wanted, $"must be at most {MaxMessageBytes} bytes, not {bytes.Length}");
            return null;
        }

        return bytes;
    }

    /// <summary>A non-hardened BIP32 path ("m/0/1"); absent means the key itself.</summary>
    internal static IReadOnlyList<uint>? Path(string? path, FieldErrors errors)
    {
        if (path is null)
        {
            return [];
        }

        if (DerivationPath.TryParse(path, out var parsed, out var error))
        {
            return parsed!.Indices;
        }

        errors.Add("path", ApiProblems.Truncate(error, 300));
        return null;
    }

    /// <summary>Hex of even length, either case, no prefix or separators.</summary>
    private static byte[]? Hex(string field, string text, FieldErrors errors)
    {
        if (text.Length % 2 != 0)
        {
            errors.Add(field, $"hex must have an even number of digits, not {text.Length}");
            return null;
        }

        var bytes = new byte[text.Length / 2];
        if (Convert.FromHexString(text, bytes, out _, out _) != OperationStatus.Done)
        {
            errors.Add(field, "is not hex (expected digits 0-9 a-f)");
            return null;
        }

        return bytes;
    }
}
