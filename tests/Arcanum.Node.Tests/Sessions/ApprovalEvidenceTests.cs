using System.Security.Cryptography;
using Arcanum.Node.Sessions;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Node.Tests.Sessions;

/// <summary>
/// Approval evidence in session requests: a node signs only when the statement hashes to what every approval
/// names, the quorum is met, and the session is the one approved (kind, key, path, message).
/// </summary>
public sealed class ApprovalEvidenceTests : IDisposable
{
    private const string RequestId = "req_0011223344556677";

    private static readonly byte[] Digest = SHA256.HashData("pay 5 to bob"u8);

    private readonly TestNodes _nodes = new(seed: 21);

    public ApprovalEvidenceTests() =>
        _nodes.RunForKey(_nodes.Request(SessionKind.Keygen, KeyScheme.EcdsaSecp256K1, "vault", 2, [1, 2, 3]));

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public void Sign_WithMatchingEvidence_Signs()
    {
        var request = SignRequest();
        request.Approval = Evidence(Statement(), quorum: 2, "alice", "bob");

        var signature = _nodes.RunForSignature(request);

        Assert.Equal(64, signature.Signature.Length);
    }

    public static TheoryData<string, string> Mismatches => new()
    {
        { "approval-for-another-statement", "the approval of bob is for another statement" },
        { "quorum-not-met", "1 approvers approved; the quorum is 2" },
        { "same-approver-twice", "1 approvers approved; the quorum is 2" },
        { "quorum-zero", "the quorum is 0" },
        { "other-request", "another request" },
        { "other-key", "for key another-key, not vault" },
        { "other-kind", "for key_destroy, not a Sign session" },
        { "other-path", "another derivation path" },
        { "other-message", "not one the approvers approved" },
        { "not-json", "does not parse" },
        { "missing-field", "does not parse" },
        { "empty-statement", "empty or too large" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void TryStart_EvidenceThatDoesNotMatch_IsRefused(string mutation, string expected)
    {
        var request = SignRequest();
        request.Approval = mutation switch
        {
            "approval-for-another-statement" => WithSecondApprovalFor(Statement(), Statement(messages: ["00"])),
            "quorum-not-met" => Evidence(Statement(), quorum: 2, "alice"),
            "same-approver-twice" => Evidence(Statement(), quorum: 2, "alice", "alice"),
            "quorum-zero" => Evidence(Statement(), quorum: 0, "alice"),
            "other-request" => Evidence(Statement(requestId: "req_other"), quorum: 1, "alice"),
            "other-key" => Evidence(Statement(keyId: "another-key"), quorum: 1, "alice"),
            "other-kind" => Evidence(Statement(operation: "key_destroy"), quorum: 1, "alice"),
            "other-path" => Evidence(Statement(path: "[1]"), quorum: 1, "alice"),
            "other-message" => Evidence(Statement(messages: [Convert.ToHexStringLower(SHA256.HashData("pay 500"u8))]), quorum: 1, "alice"),
            "not-json" => Evidence("{not json"u8.ToArray(), quorum: 1, "alice"),
            "missing-field" => Evidence("""{"requestId":"req_0011223344556677"}"""u8.ToArray(), quorum: 1, "alice"),
            _ => Evidence([], quorum: 1, "alice"),
        };

        Assert.Contains(expected, _nodes.Refusal(request, 1), StringComparison.Ordinal);
    }

    private SessionRequest SignRequest()
    {
        var request = _nodes.Request(SessionKind.Sign, KeyScheme.EcdsaSecp256K1, "vault", 2, [1, 2], epoch: 1);
        request.Message = ByteString.CopyFrom(Digest);
        request.Path.Add(7);
        return request;
    }

    private static byte[] Statement(
        string requestId = RequestId, string operation = "sign_transaction", string keyId = "vault", string path = "[7]", string[]? messages = null)
    {
        var listed = string.Join(',', (messages ?? [Convert.ToHexStringLower(Digest)]).Select(m => $"\"{m}\""));
        return System.Text.Encoding.UTF8.GetBytes(
            $$"""{"keyId":"{{keyId}}","messages":[{{listed}}],"operation":"{{operation}}","path":{{path}},"payloadSha256":"00","requestId":"{{requestId}}"}""");
    }

    private static ApprovalEvidence Evidence(byte[] statement, uint quorum, params string[] approvers)
    {
        var evidence = new ApprovalEvidence { RequestId = RequestId, Statement = ByteString.CopyFrom(statement), Quorum = quorum };
        evidence.Approvals.Add(approvers.Select(a => new Approval { Approver = a, StatementHash = ByteString.CopyFrom(SHA256.HashData(statement)) }));
        return evidence;
    }

    private static ApprovalEvidence WithSecondApprovalFor(byte[] statement, byte[] other)
    {
        var evidence = Evidence(statement, quorum: 2, "alice");
        evidence.Approvals.Add(new Approval { Approver = "bob", StatementHash = ByteString.CopyFrom(SHA256.HashData(other)) });
        return evidence;
    }
}
