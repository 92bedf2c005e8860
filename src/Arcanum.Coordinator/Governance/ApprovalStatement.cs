using System.Security.Cryptography;
using System.Text.Json;
using Arcanum.Storage;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// What approvers approve and nodes check: canonical JSON
/// <c>{"keyId","messages":[hex…],"operation","path":[…],"payloadSha256","requestId"}</c> — the request, the key,
/// the exact messages its sessions will sign, and the SHA-256 of the canonical payload (so any change to the
/// payload is another statement, and another request). Approvals bind to SHA-256(statement), stored as the
/// request's payload hash.
/// </summary>
internal static class ApprovalStatement
{
    public static byte[] Build(string requestId, PreparedOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("keyId", operation.KeyId);
            json.WriteStartArray("messages");
            foreach (var message in operation.Messages)
            {
                json.WriteStringValue(Convert.ToHexStringLower(message));
            }

            json.WriteEndArray();
            json.WriteString("operation", operation.Operation);
            json.WriteStartArray("path");
            foreach (var index in operation.Path)
            {
                json.WriteNumberValue(index);
            }

            json.WriteEndArray();
            json.WriteString("payloadSha256", Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(operation.Payload))));
            json.WriteString("requestId", requestId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string Hash(byte[] statement) => Convert.ToHexStringLower(SHA256.HashData(statement));

    /// <summary>The evidence sessions carry: the statement, the quorum, and every approval of it.</summary>
    public static ApprovalEvidence Evidence(RequestRecord request, byte[] statement, IEnumerable<ApprovalRecord> approvals)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evidence = new ApprovalEvidence { RequestId = request.Id, Statement = ByteString.CopyFrom(statement), Quorum = (uint)request.Quorum };
        evidence.Approvals.Add(approvals.Select(a => new Approval { Approver = a.ApproverName, StatementHash = ByteString.CopyFrom(Convert.FromHexString(a.PayloadHash)) }));
        return evidence;
    }
}
