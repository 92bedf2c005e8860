using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Transport.Wire;

namespace Arcanum.Node.Sessions;

/// <summary>
/// A node's own check of the approval evidence a session request carries (when policy required approvals): the
/// statement must hash to what every approval names, at least <c>quorum</c> distinct approvers must have
/// approved it, and the session must do what the statement says — the same request id, the operation's session
/// kind, the key, and for signing the path and one of the listed messages. A request without evidence is not
/// checked here (the coordinator's policy did not require approval).
/// </summary>
internal static class ApprovalEvidenceCheck
{
    private const int MaxStatementBytes = 512 * 1024;

    /// <summary>Null when the evidence is absent or holds; otherwise why the session is refused.</summary>
    public static string? Problem(SessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Approval is not { } evidence)
        {
            return null;
        }

        if (evidence.Statement.Length is 0 or > MaxStatementBytes)
        {
            return "the approval statement is empty or too large";
        }

        var hash = SHA256.HashData(evidence.Statement.Span);
        var wrong = evidence.Approvals.FirstOrDefault(a => !CryptographicOperations.FixedTimeEquals(a.StatementHash.Span, hash));
        if (wrong is not null)
        {
            return $"the approval of {wrong.Approver} is for another statement than the one carried";
        }

        var approvers = evidence.Approvals.Select(a => a.Approver).Distinct(StringComparer.Ordinal).Count();
        if (evidence.Quorum < 1 || approvers < evidence.Quorum)
        {
            return $"{approvers} approvers approved; the quorum is {evidence.Quorum}";
        }

        return StatementProblem(evidence, request);
    }

    private static string? StatementProblem(ApprovalEvidence evidence, SessionRequest request)
    {
        Statement statement;
        try
        {
            statement = Statement.Parse(evidence.Statement.Span);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            return $"the approval statement does not parse: {e.Message}";
        }

        if (statement.RequestId != evidence.RequestId)
        {
            return "the approval statement is for another request";
        }

        if (KindOf(statement.Operation) != request.Kind)
        {
            return $"the approvals are for {statement.Operation}, not a {request.Kind} session";
        }

        if (request.Kind != SessionKind.Keygen && statement.KeyId != request.KeyId)
        {
            return $"the approvals are for key {statement.KeyId}, not {request.KeyId}";
        }

        if (request.Kind == SessionKind.Sign)
        {
            if (!statement.Path.SequenceEqual(request.Path))
            {
                return "the approvals are for another derivation path";
            }

            var message = Convert.ToHexStringLower(request.Message.Span);
            if (!statement.Messages.Contains(message, StringComparer.Ordinal))
            {
                return "the message to sign is not one the approvers approved";
            }
        }

        return null;
    }

    private static SessionKind KindOf(string operation) => operation switch
    {
        "sign_raw" or "sign_transaction" or "sign_message" => SessionKind.Sign,
        "key_create" => SessionKind.Keygen,
        "key_destroy" => SessionKind.Destroy,
        "reshare" => SessionKind.Reshare,
        _ => SessionKind.Unspecified,
    };

    /// <summary>The statement's fields (canonical JSON written by the coordinator).</summary>
    private sealed record Statement(string RequestId, string Operation, string KeyId, IReadOnlyList<uint> Path, IReadOnlyList<string> Messages)
    {
        public static Statement Parse(ReadOnlySpan<byte> json)
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            return new Statement(
                root.GetProperty("requestId").GetString()!,
                root.GetProperty("operation").GetString()!,
                root.GetProperty("keyId").GetString()!,
                [.. root.GetProperty("path").EnumerateArray().Select(index => index.GetUInt32())],
                [.. root.GetProperty("messages").EnumerateArray().Select(message => message.GetString()!)]);
        }
    }
}
