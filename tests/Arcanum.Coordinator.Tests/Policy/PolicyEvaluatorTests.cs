using Arcanum.Coordinator.Policy;
using static Arcanum.Coordinator.Tests.Policy.PolicyFixtures;

namespace Arcanum.Coordinator.Tests.Policy;

/// <summary>docs/policy.md, "Rule reference" and "Evaluation": every condition both ways, precedence, unknown facts, explanations.</summary>
public sealed class PolicyEvaluatorTests
{
    private static bool Applies(string rule, OperationRequest request) =>
        Evaluate(Rules(rule), request).Matched.Count == 1;

    [Fact]
    public void Evaluate_RuleWithoutConditions_AppliesToEveryOperationButSignRaw()
    {
        foreach (var operation in PolicyOperations.All)
        {
            var request = operation == PolicyOperations.SignTransaction ? Transaction(5) : Operation(operation);

            Assert.Equal(operation != PolicyOperations.SignRaw, Applies("{'id':'all','action':'allow'}", request));
        }
    }

    [Theory]
    [InlineData("'sign_transaction'", true)]
    [InlineData("['sign_message','sign_transaction']", true)]
    [InlineData("['sign_message']", false)]
    [InlineData("['sign_raw']", false)]
    public void Evaluate_Operation_AppliesOnlyWhenListed(string operation, bool applies) =>
        Assert.Equal(applies, Applies($"{{'id':'r','operation':{operation},'action':'allow'}}", Transaction(5)));

    [Fact]
    public void Evaluate_SignRaw_IsDeniedUnlessARuleListsItForTheKey()
    {
        var policy = Rules(
            "{'id':'everything','keys':['*'],'action':'allow'}",
            "{'id':'raw-for-legacy','operation':['sign_raw'],'keys':['legacy'],'action':'allow'}");

        var otherKey = Evaluate(policy, Operation(PolicyOperations.SignRaw, keyName: "treasury"));
        var legacy = Evaluate(policy, Operation(PolicyOperations.SignRaw, keyName: "legacy"));

        Assert.Equal(PolicyAction.Deny, otherKey.Action);
        Assert.Empty(otherKey.Matched);
        Assert.Equal(PolicyAction.Allow, legacy.Action);
        Assert.Equal(["raw-for-legacy"], MatchedIds(legacy));
    }

    [Theory]
    [InlineData("['*']", true)]
    [InlineData("['key-1']", true)]
    [InlineData("['treasury']", true)]
    [InlineData("['other','treasury']", true)]
    [InlineData("['key-2','cold']", false)]
    [InlineData("['Treasury']", false)]
    public void Evaluate_Keys_MatchIdOrNameOrStar(string keys, bool applies) =>
        Assert.Equal(applies, Applies($"{{'id':'r','keys':{keys},'action':'allow'}}", Transaction(5)));

    [Theory]
    [InlineData("['signer']", true)]
    [InlineData("['ci-bot']", true)]
    [InlineData("['approver','ci-bot']", true)]
    [InlineData("['admin']", false)]
    [InlineData("['alice']", false)]
    public void Evaluate_Initiators_MatchRoleOrTokenName(string initiators, bool applies) =>
        Assert.Equal(applies, Applies($"{{'id':'r','initiators':{initiators},'action':'allow'}}", Transaction(5)));

    [Theory]
    [InlineData("['ethereum']", true)]
    [InlineData("['bitcoin','eip155:1']", true)]
    [InlineData("['eip155:137']", false)]
    [InlineData("['Ethereum']", false)]
    public void Evaluate_Chains_MatchAnyOfTheTransactionsChainNames(string chains, bool applies) =>
        Assert.Equal(applies, Applies($"{{'id':'r','chains':{chains},'action':'allow'}}", Transaction(5)));

    [Theory]
    [InlineData("native", "['native']", true)]
    [InlineData(Usdc, "['0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48']", true)]
    [InlineData("uatom", "['native','uatom']", true)]
    [InlineData("uatom", "['UATOM']", false)]
    [InlineData("native", $"['{Usdc}']", false)]
    public void Evaluate_Assets_CompareHexCaseInsensitivelyOthersExactly(string asset, string assets, bool applies) =>
        Assert.Equal(applies, Applies($"{{'id':'r','assets':{assets},'action':'allow'}}", Transaction(5, asset)));

    [Theory]
    [InlineData(new[] { Recipient }, true)]
    [InlineData(new[] { "0X1111111111111111111111111111111111111111" }, false)]
    [InlineData(new[] { "0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222" }, true)]
    [InlineData(new[] { "0x1111111111111111111111111111111111111111", "0x3333333333333333333333333333333333333333" }, false)]
    [InlineData(new[] { "0x3333333333333333333333333333333333333333" }, false)]
    public void Evaluate_DestinationAllowList_AppliesWhenEveryDestinationIsListed(string[] destinations, bool applies)
    {
        var rule = $"{{'id':'r','destinations':{{'allow':['{Recipient.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}','{Other}']}},'action':'allow'}}";

        Assert.Equal(applies, Applies(rule, Transaction(5, destinations: destinations)));
    }

    [Theory]
    [InlineData("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", true)]
    [InlineData("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", false)]
    public void Evaluate_NonHexAddresses_CompareExactly(string destination, bool applies) =>
        Assert.Equal(applies, Applies(
            "{'id':'r','destinations':{'allow':['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']},'action':'allow'}",
            Transaction(5, destinations: [destination], chains: ["bitcoin"])));

    [Theory]
    [InlineData(new[] { Recipient }, false)]
    [InlineData(new[] { Recipient, Other }, true)]
    [InlineData(new[] { "0x2222222222222222222222222222222222222222" }, true)]
    public void Evaluate_DestinationDenyList_AppliesWhenSomeDestinationIsListed(string[] destinations, bool applies) =>
        Assert.Equal(applies, Applies($"{{'id':'r','destinations':{{'deny':['{Other}']}},'action':'deny'}}", Transaction(5, destinations: destinations)));

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Evaluate_AmountMax_AppliesUpToAndIncludingMax(int amount, bool applies) =>
        Assert.Equal(applies, Applies("{'id':'r','amount':{'max':'10'},'action':'allow'}", Transaction(amount)));

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Evaluate_AmountAbove_AppliesStrictlyAbove(int amount, bool applies) =>
        Assert.Equal(applies, Applies("{'id':'r','amount':{'above':'100'},'action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':600}}", Transaction(amount)));

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void Evaluate_AmountAboveAndMax_AppliesInBetween(int amount, bool applies) =>
        Assert.Equal(applies, Applies("{'id':'r','amount':{'above':'10','max':'20'},'action':'allow'}", Transaction(amount)));

    [Fact]
    public void Evaluate_AmountBeyondLong_ComparesExactly()
    {
        var rule = "{'id':'r','amount':{'max':'1000000000000000000000'},'action':'allow'}";

        Assert.True(Applies(rule, Transaction(System.Numerics.BigInteger.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.False(Applies(rule, Transaction(System.Numerics.BigInteger.Parse("1000000000000000000001", System.Globalization.CultureInfo.InvariantCulture))));
    }

    public static TheoryData<string> TransactionConditions => new()
    {
        "'chains':['ethereum']",
        "'assets':['native']",
        "'destinations':{'deny':['x']}",
        "'amount':{'max':'10'}",
        "'window':{'seconds':60,'maxSum':'10'}",
    };

    [Theory]
    [MemberData(nameof(TransactionConditions))]
    public void Evaluate_TransactionConditionOnOperationWithoutFacts_DoesNotApplyEvenToDeny(string condition)
    {
        foreach (var action in new[] { "allow", "deny" })
        {
            Assert.False(Applies($"{{'id':'r',{condition},'action':'{action}'}}", Operation(PolicyOperations.KeyDestroy)));
        }
    }

    public static TheoryData<string, OperationRequest> UnknownFacts => new()
    {
        { "'amount':{'max':'10'}", Transaction(null) },
        { "'assets':['native']", Transaction(5, asset: null) },
        { "'destinations':{'allow':['0x1111111111111111111111111111111111111111']}", Transaction(5, destinations: []) },
        { "'window':{'seconds':60,'maxSum':'10'}", Transaction(null) },
    };

    [Theory]
    [MemberData(nameof(UnknownFacts))]
    public void Evaluate_UnknownFact_NeverLoosens(string condition, OperationRequest request)
    {
        const string Approval = "'approval':{'approvers':['approver'],'quorum':1,'expiresIn':600}";

        Assert.False(Applies($"{{'id':'r',{condition},'action':'allow'}}", request));
        Assert.True(Applies($"{{'id':'r',{condition},'action':'deny'}}", request));
        Assert.True(Applies($"{{'id':'r',{condition},'action':'require_approval',{Approval}}}", request));
    }

    [Fact]
    public void Evaluate_UnknownFact_SaysSoInWhy()
    {
        var decision = Evaluate(Rules("{'id':'big','amount':{'above':'100'},'action':'deny'}"), Transaction(null));

        Assert.Equal("operation sign_transaction (no operation listed: all but sign_raw); amount unknown, so this deny rule applies.", Assert.Single(decision.Matched).Why);
    }

    [Fact]
    public void Evaluate_EmptyDestinationsAgainstDenyList_DoesNotApply() =>
        Assert.False(Applies("{'id':'r','destinations':{'deny':['x']},'action':'deny'}", Transaction(5, destinations: [])));

    [Fact]
    public void Evaluate_Precedence_DenyOverApprovalOverAllowOverImplicitDeny()
    {
        const string Allow = "{'id':'allow-all','action':'allow'}";
        const string Approval = "{'id':'approve-big','amount':{'above':'100'},'action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':600}}";
        const string Deny = "{'id':'deny-huge','amount':{'above':'1000'},'action':'deny'}";
        var policy = Rules(Deny, Approval, Allow);

        Assert.Equal(PolicyAction.Allow, Evaluate(policy, Transaction(50)).Action);
        Assert.Equal(PolicyAction.RequireApproval, Evaluate(policy, Transaction(500)).Action);
        var huge = Evaluate(policy, Transaction(5000));
        Assert.Equal(PolicyAction.Deny, huge.Action);
        Assert.Equal(["deny-huge", "approve-big", "allow-all"], MatchedIds(huge));
        Assert.Null(huge.Approval);

        var nothing = Evaluate(Rules(Deny, Approval), Transaction(50));
        Assert.Equal(PolicyAction.Deny, nothing.Action);
        Assert.Empty(nothing.Matched);
    }

    [Fact]
    public void Evaluate_DocumentOrder_DoesNotChangePrecedence()
    {
        var policy = Rules("{'id':'allow-all','action':'allow'}", "{'id':'deny-bot','initiators':['ci-bot'],'action':'deny'}");

        var decision = Evaluate(policy, Transaction(5));

        Assert.Equal(PolicyAction.Deny, decision.Action);
        Assert.Equal(["allow-all", "deny-bot"], MatchedIds(decision));
    }

    [Fact]
    public void Evaluate_SeveralApprovalRules_RequiresTheHighestQuorum()
    {
        var policy = Rules(
            "{'id':'one','action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':600}}",
            "{'id':'three','action':'require_approval','approval':{'approvers':['alice','bob','carol'],'quorum':3,'expiresIn':7200}}",
            "{'id':'two','action':'require_approval','approval':{'approvers':['approver'],'quorum':2,'expiresIn':600}}");

        var decision = Evaluate(policy, Transaction(5));

        Assert.Equal(PolicyAction.RequireApproval, decision.Action);
        Assert.Equal(new ApprovalRequirement(["alice", "bob", "carol"], 3, 7200).Approvers, decision.Approval!.Approvers);
        Assert.Equal(3, decision.Approval.Quorum);
        Assert.Equal(7200, decision.Approval.ExpiresInSeconds);
        Assert.Contains("rule 'three'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ApprovalRulesWithEqualQuorum_TakesTheFirstInDocumentOrder()
    {
        var policy = Rules(
            "{'id':'first','action':'require_approval','approval':{'approvers':['alice','bob'],'quorum':2,'expiresIn':600}}",
            "{'id':'second','action':'require_approval','approval':{'approvers':['approver'],'quorum':2,'expiresIn':900}}");

        var decision = Evaluate(policy, Transaction(5));

        Assert.Equal(["alice", "bob"], decision.Approval!.Approvers);
        Assert.Equal(600, decision.Approval.ExpiresInSeconds);
        Assert.Equal(
            "sign_transaction of key 'treasury' by 'ci-bot' (signer) needs 2 approval(s) from alice, bob within 600 s, as rule 'first' requires (the strictest of rules 'first', 'second').",
            decision.Reason);
    }

    [Fact]
    public void Evaluate_Why_NamesEveryConditionThatHeld()
    {
        var policy = Rules(
            $"{{'id':'small','operation':'sign_transaction','keys':['treasury'],'initiators':['signer'],'chains':['eip155:1'],'assets':['native'],"
            + $"'destinations':{{'allow':['{Recipient}']}},'amount':{{'max':'10'}},'action':'allow'}}");

        var match = Assert.Single(Evaluate(policy, Transaction(5)).Matched);

        Assert.Equal(PolicyAction.Allow, match.Action);
        Assert.Equal(
            $"operation sign_transaction is listed; key 'treasury' is listed; initiator 'ci-bot' has role signer; chain eip155:1 is listed; "
            + $"asset native is listed; destination {Recipient} is on the allow list; amount 5 ≤ max 10.",
            match.Why);
    }

    [Fact]
    public void Evaluate_Reason_NamesTheDecidingRules()
    {
        var policy = Rules(
            "{'id':'allow-a','action':'allow'}",
            "{'id':'allow-b','keys':['treasury'],'action':'allow'}",
            $"{{'id':'deny-other','destinations':{{'deny':['{Other}']}},'action':'deny'}}");

        Assert.Equal("sign_transaction of key 'treasury' by 'ci-bot' (signer) is allowed by rules 'allow-a', 'allow-b'.",
            Evaluate(policy, Transaction(5)).Reason);
        Assert.Equal("sign_transaction of key 'treasury' by 'ci-bot' (signer) is denied by rule 'deny-other'.",
            Evaluate(policy, Transaction(5, destinations: [Other])).Reason);
        Assert.Equal("No rule allows sign_raw of key 'treasury' by 'ci-bot' (signer), so it is denied.",
            Evaluate(policy, Operation(PolicyOperations.SignRaw)).Reason);
    }

    [Fact]
    public void Evaluate_KeyCreate_IsNamedByTheRequestedName()
    {
        var decision = Evaluate(Rules("{'id':'ops','operation':'key_create','initiators':['operator'],'action':'allow'}"),
            Operation(PolicyOperations.KeyCreate, new Initiator("ops-team", "operator"), keyId: "", keyName: "new-wallet"));

        Assert.Equal(PolicyAction.Allow, decision.Action);
        Assert.Equal("key_create of key 'new-wallet' by 'ops-team' (operator) is allowed by rule 'ops'.", decision.Reason);
    }

    [Fact]
    public void Evaluate_UnknownOperation_IsMisuse() =>
        Assert.Throws<ArgumentException>(() => Evaluate(Rules("{'id':'a','action':'allow'}"), Operation("sign_everything")));
}
