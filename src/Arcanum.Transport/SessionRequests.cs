using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Arcanum.Crypto.Signatures;
using Arcanum.Mpc.Protocol;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport;

/// <summary>
/// The coordinator's signature on what it asks nodes to do (ARCHITECTURE §1: a node re-checks what it is
/// asked to do). The signature is Ed25519 over the ASCII domain "arcanum/v1/session-request" followed by
/// the encoded <see cref="SessionRequest"/>; a node verifies it first, then the request's structure
/// (<see cref="Validate"/>), and only then looks at the request against its vault.
/// </summary>
public static class SessionRequests
{
    /// <summary>The longest key id.</summary>
    public const int MaxKeyIdLength = 64;

    /// <summary>The most parties (and dealers, new parties) of one session, as for the protocols (255).</summary>
    public const int MaxParties = 255;

    /// <summary>The longest message or digest a sign request carries: 64 KiB.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The most derivation indices.</summary>
    public const int MaxPathLength = 255;

    private static readonly SearchValues<char> KeyIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static ReadOnlySpan<byte> Domain => "arcanum/v1/session-request"u8;

    /// <summary>
    /// Encodes and signs <paramref name="request"/>. Throws <see cref="ArgumentException"/> listing every
    /// structural problem (<see cref="Validate"/>) rather than sign a request every node would refuse.
    /// </summary>
    public static SignedSessionRequest Sign(SessionRequest request, Ed25519PrivateKey coordinatorIdentity)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(coordinatorIdentity);
        var problems = Validate(request);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The session request is invalid: {string.Join("; ", problems)}.", nameof(request));
        }

        var encoded = request.ToByteArray();
        return new SignedSessionRequest
        {
            Request = ByteString.CopyFrom(encoded),
            Signature = ByteString.CopyFrom(coordinatorIdentity.Sign(SignedBytes(encoded))),
        };
    }

    /// <summary>
    /// Verifies the coordinator's signature, then parses the request (canonical protobuf only) and checks
    /// its structure. False with the reason — every structural problem, joined by "; " — otherwise; never
    /// throws on bad input.
    /// </summary>
    public static bool TryVerify(SignedSessionRequest signed, Ed25519PublicKey coordinatorIdentity,
        [NotNullWhen(true)] out SessionRequest? request, out string error)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(coordinatorIdentity);
        request = null;
        if (!coordinatorIdentity.Verify(SignedBytes(signed.Request.Span), signed.Signature.Span))
        {
            error = "the session request's signature does not verify under the coordinator's identity";
            return false;
        }

        if (!WireDecoding.TryParse(signed.Request.Span, SessionRequest.Parser, out var parsed))
        {
            error = "the session request is not a canonical SessionRequest encoding";
            return false;
        }

        var problems = Validate(parsed);
        if (problems.Count > 0)
        {
            error = string.Join("; ", problems);
            return false;
        }

        request = parsed;
        error = "";
        return true;
    }

    /// <summary>
    /// Every structural problem of <paramref name="request"/> (empty when none): a 16-byte session id; a
    /// defined kind and scheme other than UNSPECIFIED; a key id of 1–64 characters from [A-Za-z0-9_-];
    /// parties non-empty, and parties, dealers and new parties each ascending, distinct, within 1..65535 and
    /// at most 255; a message of at most 64 KiB; at most 255 path indices. Whether the request suits the
    /// node's vault is the session protocol's check.
    /// </summary>
    public static IReadOnlyList<string> Validate(SessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (request.SessionId.Length != SessionId.Length)
        {
            problems.Add($"session_id must be {SessionId.Length} bytes, not {request.SessionId.Length}");
        }

        if (request.Kind == SessionKind.Unspecified || !Enum.IsDefined(request.Kind))
        {
            problems.Add($"kind {(int)request.Kind} is not a session kind");
        }

        if (request.Scheme == KeyScheme.Unspecified || !Enum.IsDefined(request.Scheme))
        {
            problems.Add($"scheme {(int)request.Scheme} is not a key scheme");
        }

        if (!IsKeyId(request.KeyId))
        {
            problems.Add($"key_id must be 1 to {MaxKeyIdLength} characters of A-Z, a-z, 0-9, '_' and '-'");
        }

        if (request.Parties.Count == 0)
        {
            problems.Add("parties is empty");
        }

        AddPartyListProblems(problems, "parties", request.Parties);
        AddPartyListProblems(problems, "dealers", request.Dealers);
        AddPartyListProblems(problems, "new_parties", request.NewParties);
        if (request.Message.Length > MaxMessageBytes)
        {
            problems.Add($"message of {request.Message.Length} bytes exceeds {MaxMessageBytes}");
        }

        if (request.Path.Count > MaxPathLength)
        {
            problems.Add($"path has {request.Path.Count} indices; at most {MaxPathLength} are allowed");
        }

        if (request.Taproot is { } taproot
            && (request.Kind != SessionKind.Sign || request.Scheme != KeyScheme.FrostTaproot || taproot.MerkleRoot.Length is not (0 or 32)))
        {
            problems.Add("taproot is only for signing with a frost-taproot key, with an empty or 32-byte merkle_root");
        }

        return problems;
    }

    private static byte[] SignedBytes(ReadOnlySpan<byte> encodedRequest)
    {
        var bytes = new byte[Domain.Length + encodedRequest.Length];
        Domain.CopyTo(bytes);
        encodedRequest.CopyTo(bytes.AsSpan(Domain.Length));
        return bytes;
    }

    private static bool IsKeyId(string keyId) =>
        keyId.Length is >= 1 and <= MaxKeyIdLength
        && keyId.AsSpan().IndexOfAnyExcept(KeyIdCharacters) < 0;

    private static void AddPartyListProblems(List<string> problems, string field, IReadOnlyList<uint> parties)
    {
        if (parties.Count > MaxParties)
        {
            problems.Add($"{field} has {parties.Count} entries; at most {MaxParties} are allowed");
            return;
        }

        for (var i = 0; i < parties.Count; i++)
        {
            if (parties[i] is < 1 or > ushort.MaxValue)
            {
                problems.Add($"{field}[{i}] = {parties[i]} is not a node id (1..65535)");
                return;
            }

            if (i > 0 && parties[i] <= parties[i - 1])
            {
                problems.Add($"{field} must be ascending and distinct ({parties[i - 1]} then {parties[i]})");
                return;
            }
        }
    }
}
