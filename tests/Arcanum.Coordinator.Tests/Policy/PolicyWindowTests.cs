using System.Numerics;
using Arcanum.Coordinator.Policy;
using static Arcanum.Coordinator.Tests.Policy.PolicyFixtures;

namespace Arcanum.Coordinator.Tests.Policy;

/// <summary>docs/policy.md, "Windows": what is counted, the boundary, budgets and triggers.</summary>
public sealed class PolicyWindowTests
{
    private const string CountBudget = "{'id':'daily','window':{'seconds':86400,'maxCount':3},'action':'allow'}";
    private const string SumBudget = "{'id':'daily-sum','window':{'seconds':86400,'maxSum':'100'},'action':'allow'}";

    private static PastOperation Past(TimeSpan ago, BigInteger? amount = null, string keyId = "key-1", string initiator = "ci-bot",
        string operation = PolicyOperations.SignTransaction, string chain = "ethereum", string asset = "native") =>
        new(keyId, initiator, operation, chain, asset, amount, Now - ago);

    private static PastOperation[] Earlier(int count, BigInteger? amount = null) =>
        Enumerable.Range(1, count).Select(i => Past(TimeSpan.FromMinutes(i), amount)).ToArray();

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Evaluate_CountBudget_AppliesWhileTheNextFits(int earlier, bool applies) =>
        Assert.Equal(applies, Evaluate(Rules(CountBudget), Transaction(1), Earlier(earlier)).Action == PolicyAction.Allow);

    [Fact]
    public void Evaluate_OperationExactlyWindowSecondsAgo_IsOutside()
    {
        var atBoundary = Past(TimeSpan.FromSeconds(86400));
        var justInside = Past(TimeSpan.FromSeconds(86400) - TimeSpan.FromTicks(1));
        var recent = Earlier(2);

        Assert.Equal(PolicyAction.Allow, Evaluate(Rules(CountBudget), Transaction(1), [.. recent, atBoundary]).Action);
        Assert.Equal(PolicyAction.Deny, Evaluate(Rules(CountBudget), Transaction(1), [.. recent, justInside]).Action);
    }

    [Theory]
    [InlineData(99, true)]
    [InlineData(100, false)]
    public void Evaluate_SumBudget_AppliesWhileSumPlusAmountFits(int amount, bool applies) =>
        Assert.Equal(applies, Evaluate(Rules(SumBudget), Transaction(amount), Past(TimeSpan.FromHours(1), 1)).Action == PolicyAction.Allow);

    [Fact]
    public void Evaluate_SumBudget_CountsOnlyTheSameChainAndAsset()
    {
        PastOperation[] history =
        [
            Past(TimeSpan.FromHours(1), 60, asset: Usdc),
            Past(TimeSpan.FromHours(1), 60, chain: "eip155:137"),
            Past(TimeSpan.FromHours(1), 60, chain: "eip155:1"),
        ];

        Assert.Equal(PolicyAction.Allow, Evaluate(Rules(SumBudget), Transaction(40), history).Action);
        Assert.Equal(PolicyAction.Deny, Evaluate(Rules(SumBudget), Transaction(41), history).Action);
        Assert.Equal(PolicyAction.Allow, Evaluate(Rules(SumBudget), Transaction(100, asset: Usdc.ToLowerInvariant(), chains: ["eip155:137"]), history).Action);
    }

    [Fact]
    public void Evaluate_Window_CountsOnlyTheSameKeyAndOperation()
    {
        PastOperation[] history =
        [
            .. Earlier(2),
            Past(TimeSpan.FromMinutes(5), keyId: "key-2"),
            Past(TimeSpan.FromMinutes(5), operation: PolicyOperations.SignMessage),
        ];

        Assert.Equal(PolicyAction.Allow, Evaluate(Rules(CountBudget), Transaction(1), history).Action);
        Assert.Equal(PolicyAction.Deny, Evaluate(Rules(CountBudget), Transaction(1), [.. history, Past(TimeSpan.FromMinutes(9))]).Action);
    }

    [Fact]
    public void Evaluate_PerKeyAndPerInitiator_CountDifferentHistories()
    {
        var history = Enumerable.Range(1, 3).Select(i => Past(TimeSpan.FromMinutes(i), initiator: "alice")).ToArray();
        var perKey = Rules("{'id':'w','window':{'seconds':3600,'maxCount':3,'per':'key'},'action':'allow'}");
        var perInitiator = Rules("{'id':'w','window':{'seconds':3600,'maxCount':3,'per':'initiator'},'action':'allow'}");

        Assert.Equal(PolicyAction.Deny, Evaluate(perKey, Transaction(1), history).Action);
        Assert.Equal(PolicyAction.Allow, Evaluate(perInitiator, Transaction(1), history).Action);
        Assert.Equal(PolicyAction.Deny, Evaluate(perInitiator, Transaction(1, initiator: new Initiator("alice", "signer")), history).Action);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Evaluate_DenyWindow_IsATriggerWhenTheBudgetWouldBeExceeded(int earlier, bool denied)
    {
        var policy = Rules("{'id':'allow-all','action':'allow'}", "{'id':'velocity','window':{'seconds':86400,'maxCount':3},'action':'deny'}");

        var decision = Evaluate(policy, Transaction(1), Earlier(earlier));

        Assert.Equal(denied ? PolicyAction.Deny : PolicyAction.Allow, decision.Action);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Evaluate_DenySumWindow_TriggersAboveMaxSum(int amount, bool denied)
    {
        var policy = Rules("{'id':'allow-all','action':'allow'}", "{'id':'velocity','window':{'seconds':86400,'maxSum':'100','maxCount':50},'action':'deny'}");

        var decision = Evaluate(policy, Transaction(amount), Past(TimeSpan.FromHours(2), 50));

        Assert.Equal(denied ? PolicyAction.Deny : PolicyAction.Allow, decision.Action);
    }

    [Fact]
    public void Evaluate_EarlierAmountUnknown_BudgetDoesNotAllowButTriggerDenies()
    {
        var history = new[] { Past(TimeSpan.FromHours(1), amount: null) };

        Assert.Equal(PolicyAction.Deny, Evaluate(Rules(SumBudget), Transaction(1), history).Action);
        Assert.Empty(Evaluate(Rules(SumBudget), Transaction(1), history).Matched);
        var trigger = Evaluate(Rules("{'id':'velocity','window':{'seconds':86400,'maxSum':'100'},'action':'deny'}"), Transaction(1), history);
        Assert.Equal(["velocity"], MatchedIds(trigger));
    }

    [Fact]
    public void Evaluate_CountOnlyWindow_CountsOperationsWithoutFacts()
    {
        var policy = Rules("{'id':'two-keys-a-day','operation':'key_create','window':{'seconds':86400,'maxCount':2},'action':'allow'}");
        var created = Past(TimeSpan.FromHours(3), keyId: "", operation: PolicyOperations.KeyCreate);
        var request = Operation(PolicyOperations.KeyCreate, keyId: "", keyName: "new");

        Assert.Equal(PolicyAction.Allow, Evaluate(policy, request, created).Action);
        Assert.Equal(PolicyAction.Deny, Evaluate(policy, request, created, created).Action);
    }

    [Fact]
    public void Evaluate_ApprovalWindow_IsABudget()
    {
        var policy = Rules("{'id':'first-two-need-approval','window':{'seconds':3600,'maxCount':2},'action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':600}}");

        Assert.Equal(PolicyAction.RequireApproval, Evaluate(policy, Transaction(1), Earlier(1)).Action);
        Assert.Equal(PolicyAction.Deny, Evaluate(policy, Transaction(1), Earlier(2)).Action);
    }

    [Fact]
    public void Evaluate_WindowWhy_ShowsCountAndSum()
    {
        var policy = Rules("{'id':'daily','window':{'seconds':86400,'maxSum':'100','maxCount':3},'action':'allow'}");

        var why = Assert.Single(Evaluate(policy, Transaction(10), Earlier(2, 20)).Matched).Why;

        Assert.Contains("2 earlier sign_transaction for this key in the last 86400 s, +1 ≤ maxCount 3", why, StringComparison.Ordinal);
        Assert.Contains("sum 40 + 10 ≤ maxSum 100", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NowNearTheEarliestTime_DoesNotOverflow()
    {
        var policy = Rules(CountBudget);
        var request = Transaction(1);

        var decision = PolicyEvaluator.Evaluate(policy, request, [], DateTimeOffset.MinValue.AddSeconds(5));

        Assert.Equal(PolicyAction.Allow, decision.Action);
    }
}
