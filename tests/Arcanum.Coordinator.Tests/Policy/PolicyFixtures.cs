using System.Numerics;
using Arcanum.Coordinator.Policy;

namespace Arcanum.Coordinator.Tests.Policy;

/// <summary>Policies written as JSON with single quotes (for readability) and the requests the tests evaluate.</summary>
internal static class PolicyFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly Initiator Signer = new("ci-bot", "signer");

    public const string Recipient = "0x1111111111111111111111111111111111111111";
    public const string Other = "0x2222222222222222222222222222222222222222";
    public const string Usdc = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";

    /// <summary>Single quotes become double quotes, so JSON reads well inside C# strings.</summary>
    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    /// <summary>A policy of the given rules (each a single-quoted JSON object); fails the test if it does not parse.</summary>
    public static PolicyDocument Rules(params string[] rules)
    {
        var json = Json($"{{'rules':[{string.Join(",", rules)}]}}");
        Assert.True(PolicyDocument.TryParse(json, out var document, out var errors), string.Join("; ", errors));
        return document;
    }

    /// <summary>The errors of a document that must not parse.</summary>
    public static IReadOnlyList<PolicyError> Errors(string singleQuotedDocument)
    {
        Assert.False(PolicyDocument.TryParse(Json(singleQuotedDocument), out var document, out var errors));
        Assert.Null(document);
        Assert.NotEmpty(errors);
        return errors;
    }

    public static TransactionFacts Facts(BigInteger? amount, string? asset = "native", string[]? destinations = null, string[]? chains = null) =>
        new(chains ?? ["ethereum", "eip155:1"], asset, destinations ?? [Recipient], amount);

    public static OperationRequest Transaction(BigInteger? amount, string? asset = "native", string[]? destinations = null,
        string[]? chains = null, Initiator? initiator = null, string keyId = "key-1", string keyName = "treasury") =>
        new(PolicyOperations.SignTransaction, keyId, keyName, initiator ?? Signer, Facts(amount, asset, destinations, chains));

    public static OperationRequest Operation(string operation, Initiator? initiator = null, string keyId = "key-1", string keyName = "treasury") =>
        new(operation, keyId, keyName, initiator ?? Signer, null);

    public static PolicyDecision Evaluate(PolicyDocument policy, OperationRequest request, params PastOperation[] history) =>
        PolicyEvaluator.Evaluate(policy, request, history, Now);

    /// <summary>The ids of the rules that applied, in the order reported.</summary>
    public static string[] MatchedIds(PolicyDecision decision) => decision.Matched.Select(m => m.RuleId).ToArray();
}
