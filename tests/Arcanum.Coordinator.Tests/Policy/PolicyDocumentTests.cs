using System.Text.Json;
using Arcanum.Coordinator.Policy;
using static Arcanum.Coordinator.Tests.Policy.PolicyFixtures;

namespace Arcanum.Coordinator.Tests.Policy;

/// <summary>docs/policy.md, "Rule reference" and "Limits": the strict reader, its error paths, and the canonical form.</summary>
public sealed class PolicyDocumentTests
{
    private const string Approval = "'approval':{'approvers':['alice','bob','approver'],'quorum':2,'expiresIn':3600}";

    /// <summary>One row per rule of the reader: a document, the path the error names, and a phrase of its message.</summary>
    public static TheoryData<string, string, string> InvalidDocuments => new()
    {
        // Shape of the document.
        { "[]", "$", "JSON object" },
        { "{}", "rules", "is required" },
        { "{'rules':{}}", "rules", "array" },
        { "{'rules':[7]}", "rules[0]", "object" },
        // Unknown properties, at every level.
        { "{'rules':[],'version':2}", "version", "unknown property" },
        { "{'rules':[{'id':'a','action':'allow','colour':'red'}]}", "rules[0].colour", "unknown property" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'1','min':'0'}}]}", "rules[0].amount.min", "unknown property" },
        { "{'rules':[{'id':'a','action':'allow','destinations':{'allow':['x'],'only':['y']}}]}", "rules[0].destinations.only", "unknown property" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':60,'maxCount':1,'every':'day'}}]}", "rules[0].window.every", "unknown property" },
        { $"{{'rules':[{{'id':'a','action':'require_approval',{Approval[..^1]},'who':'x'}}}}]}}", "rules[0].approval.who", "unknown property" },
        // Duplicate properties.
        { "{'rules':[],'rules':[]}", "rules", "duplicate property" },
        { "{'rules':[{'id':'a','id':'b','action':'allow'}]}", "rules[0].id", "duplicate property" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'1','max':'2'}}]}", "rules[0].amount.max", "duplicate property" },
        // Wrong types.
        { "{'rules':[{'id':7,'action':'allow'}]}", "rules[0].id", "must be a string" },
        { "{'rules':[{'id':'a','action':true}]}", "rules[0].action", "must be a string" },
        { "{'rules':[{'id':'a','action':'allow','keys':'treasury'}]}", "rules[0].keys", "array of strings" },
        { "{'rules':[{'id':'a','action':'allow','chains':[1]}]}", "rules[0].chains[0]", "must be a string" },
        { "{'rules':[{'id':'a','action':'allow','operation':7}]}", "rules[0].operation", "array of strings" },
        { "{'rules':[{'id':'a','action':'allow','destinations':['x']}]}", "rules[0].destinations", "object" },
        { "{'rules':[{'id':'a','action':'allow','amount':'5'}]}", "rules[0].amount", "object" },
        { "{'rules':[{'id':'a','action':'allow','window':86400}]}", "rules[0].window", "object" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':[]}]}", "rules[0].approval", "object" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':'60','maxCount':1}}]}", "rules[0].window.seconds", "whole number" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':60,'maxCount':1.5}}]}", "rules[0].window.maxCount", "whole number" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':'2','expiresIn':3600}}]}", "rules[0].approval.quorum", "whole number" },
        // Empty lists where a list is given.
        { "{'rules':[{'id':'a','action':'allow','keys':[]}]}", "rules[0].keys", "must not be empty" },
        { "{'rules':[{'id':'a','action':'allow','initiators':[]}]}", "rules[0].initiators", "must not be empty" },
        { "{'rules':[{'id':'a','action':'allow','chains':[]}]}", "rules[0].chains", "must not be empty" },
        { "{'rules':[{'id':'a','action':'allow','assets':[]}]}", "rules[0].assets", "must not be empty" },
        { "{'rules':[{'id':'a','action':'allow','operation':[]}]}", "rules[0].operation", "must not be empty" },
        { "{'rules':[{'id':'a','action':'deny','destinations':{'deny':[]}}]}", "rules[0].destinations.deny", "must not be empty" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':[],'quorum':1,'expiresIn':3600}}]}", "rules[0].approval.approvers", "must not be empty" },
        // Empty strings and duplicate entries.
        { "{'rules':[{'id':'a','action':'allow','keys':['']}]}", "rules[0].keys[0]", "must not be empty" },
        { "{'rules':[{'id':'a','action':'allow','keys':['k','j','k']}]}", "rules[0].keys[2]", "duplicates entry 0" },
        { $"{{'rules':[{{'id':'a','action':'allow','destinations':{{'allow':['{Recipient}','{Recipient.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}']}}}}]}}", "rules[0].destinations.allow[1]", "duplicates entry 0" },
        { "{'rules':[{'id':'a','action':'allow','keys':['*','treasury']}]}", "rules[0].keys", "only entry" },
        // Unknown operations, actions, roles, scopes.
        { "{'rules':[{'id':'a','action':'allow','operation':'sign_everything'}]}", "rules[0].operation", "unknown operation 'sign_everything'" },
        { "{'rules':[{'id':'a','action':'allow','operation':['sign_message','Sign_Raw']}]}", "rules[0].operation[1]", "unknown operation 'Sign_Raw'" },
        { "{'rules':[{'id':'a','action':'permit'}]}", "rules[0].action", "unknown action 'permit'" },
        { "{'rules':[{'id':'a','action':'allow','initiators':['alice','Signer']}]}", "rules[0].initiators[1]", "unknown role 'Signer'" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['APPROVER'],'quorum':1,'expiresIn':3600}}]}", "rules[0].approval.approvers[0]", "unknown role 'APPROVER'" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':60,'maxCount':1,'per':'token'}}]}", "rules[0].window.per", "unknown window scope 'token'" },
        // Amounts: negative, non-integer, not decimal, leading zeros, too large, not a string.
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'-1'}}]}", "rules[0].amount.max", "negative" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'above':'1.5'}}]}", "rules[0].amount.above", "whole number" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'1e18'}}]}", "rules[0].amount.max", "whole number" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'0x10'}}]}", "rules[0].amount.max", "digits 0-9" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':' 1'}}]}", "rules[0].amount.max", "digits 0-9" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'007'}}]}", "rules[0].amount.max", "leading zeros" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'115792089237316195423570985008687907853269984665640564039457584007913129639936'}}]}", "rules[0].amount.max", "2^256 - 1" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'1157920892373161954235709850086879078532699846656405640394575840079131296399360'}}]}", "rules[0].amount.max", "2^256 - 1" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':100}}]}", "rules[0].amount.max", "string of decimal digits" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':60,'maxSum':'-5'}}]}", "rules[0].window.maxSum", "negative" },
        { "{'rules':[{'id':'a','action':'allow','amount':{}}]}", "rules[0].amount", "max, above or both" },
        { "{'rules':[{'id':'a','action':'allow','amount':{'max':'10','above':'10'}}]}", "rules[0].amount.max", "greater than above" },
        // Destinations: exactly one of allow and deny.
        { "{'rules':[{'id':'a','action':'allow','destinations':{}}]}", "rules[0].destinations", "must give allow or deny" },
        { "{'rules':[{'id':'a','action':'allow','destinations':{'allow':['x'],'deny':['y']}}]}", "rules[0].destinations", "not both" },
        // Quorum.
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':0,'expiresIn':3600}}]}", "rules[0].approval.quorum", "from 1" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['alice','bob'],'quorum':3,'expiresIn':3600}}]}", "rules[0].approval.quorum", "only 2 approvers" },
        // expiresIn and window seconds ranges.
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':59}}]}", "rules[0].approval.expiresIn", "60 to 2592000" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':2592001}}]}", "rules[0].approval.expiresIn", "60 to 2592000" },
        { "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':1}}]}", "rules[0].approval.expiresIn", "is required" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':0,'maxCount':1}}]}", "rules[0].window.seconds", "1 to 31536000" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':31536001,'maxCount':1}}]}", "rules[0].window.seconds", "1 to 31536000" },
        { "{'rules':[{'id':'a','action':'allow','window':{'maxCount':1}}]}", "rules[0].window.seconds", "is required" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':60}}]}", "rules[0].window", "maxSum, maxCount or both" },
        { "{'rules':[{'id':'a','action':'allow','window':{'seconds':60,'maxCount':0}}]}", "rules[0].window.maxCount", "from 1" },
        // Ids.
        { "{'rules':[{'action':'allow'}]}", "rules[0].id", "is required" },
        { "{'rules':[{'id':'has space','action':'allow'}]}", "rules[0].id", "1 to 64 characters" },
        { $"{{'rules':[{{'id':'{new string('r', 65)}','action':'allow'}}]}}", "rules[0].id", "1 to 64 characters" },
        { "{'rules':[{'id':'a','action':'allow'},{'id':'b','action':'allow'},{'id':'a','action':'deny'}]}", "rules[2].id", "duplicate rule id 'a' (also rules[0])" },
        // Action and approval go together.
        { "{'rules':[{'id':'a'}]}", "rules[0].action", "is required" },
        { "{'rules':[{'id':'a','action':'require_approval'}]}", "rules[0].approval", "is required when action is require_approval" },
        { $"{{'rules':[{{'id':'a','action':'allow',{Approval}}}]}}", "rules[0].approval", "only allowed when action is require_approval" },
        // Strings over 256 characters.
        { $"{{'rules':[{{'id':'a','description':'{new string('d', 257)}','action':'allow'}}]}}", "rules[0].description", "at most 256 characters" },
        { $"{{'rules':[{{'id':'a','action':'allow','destinations':{{'deny':['{new string('x', 257)}']}}}}]}}", "rules[0].destinations.deny[0]", "at most 256 characters" },
        { $"{{'rules':[{{'id':'a','action':'allow','keys':['{string.Concat(Enumerable.Repeat("\\u0041", 257))}']}}]}}", "rules[0].keys[0]", "at most 256 characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void TryParse_InvalidDocument_ReportsThePath(string document, string path, string message)
    {
        var errors = Errors(document);

        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    public static TheoryData<string> ValidEdgeDocuments => new()
    {
        "{'rules':[]}",
        "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':60}}]}",
        "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['approver'],'quorum':1,'expiresIn':2592000}}]}",
        "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['alice','approver'],'quorum':5,'expiresIn':600}}]}",
        "{'rules':[{'id':'a','action':'require_approval','approval':{'approvers':['alice','bob'],'quorum':2,'expiresIn':600}}]}",
        "{'rules':[{'id':'a','action':'allow','window':{'seconds':1,'maxCount':1}}]}",
        "{'rules':[{'id':'a','action':'allow','window':{'seconds':31536000,'maxSum':'0'}}]}",
        "{'rules':[{'id':'a','action':'allow','amount':{'max':'115792089237316195423570985008687907853269984665640564039457584007913129639935'}}]}",
        "{'rules':[{'id':'a','action':'allow','amount':{'max':'0'}}]}",
        "{'rules':[{'id':'a','action':'allow','amount':{'max':'11','above':'10'}}]}",
        "{'rules':[{'id':'a','action':'allow','keys':['*']}]}",
        "{'rules':[{'id':'a','action':'allow','operation':'sign_raw'}]}",
        "{'rules':[{'id':'a','action':'allow','destinations':{'allow':['bc1qxyz','BC1QXYZ']}}]}",
        $"{{'rules':[{{'id':'{new string('r', 64)}','description':'{new string('d', 256)}','action':'allow'}}]}}",
        "{'rules':[{'id':'A.b_c-9','action':'deny'}]}",
    };

    [Theory]
    [MemberData(nameof(ValidEdgeDocuments))]
    public void TryParse_DocumentAtALimit_IsAccepted(string document)
    {
        Assert.True(PolicyDocument.TryParse(Json(document), out var parsed, out var errors), string.Join("; ", errors));
        Assert.Empty(errors);
        Assert.NotNull(parsed);
    }

    [Fact]
    public void TryParse_FullRule_ReadsEveryField()
    {
        var policy = Rules(
            $"{{'id':'treasury-small','description':'small payments','operation':['sign_transaction','sign_message'],'keys':['treasury'],"
            + $"'initiators':['signer','ci-bot'],'chains':['ethereum'],'assets':['native','{Usdc}'],'destinations':{{'allow':['{Recipient}']}},"
            + "'amount':{'max':'1000','above':'10'},'window':{'seconds':86400,'maxSum':'5000','maxCount':10,'per':'initiator'},"
            + $"'action':'require_approval',{Approval}}}");

        var rule = Assert.Single(policy.Rules);
        Assert.Equal("treasury-small", rule.Id);
        Assert.Equal("small payments", rule.Description);
        Assert.Equal(["sign_transaction", "sign_message"], rule.Operations);
        Assert.Equal(["treasury"], rule.Keys);
        Assert.Equal(["signer", "ci-bot"], rule.Initiators);
        Assert.Equal(["ethereum"], rule.Chains);
        Assert.Equal(["native", Usdc], rule.Assets);
        Assert.Equal(DestinationMode.Allow, rule.Destinations!.Mode);
        Assert.Equal([Recipient], rule.Destinations.Addresses);
        Assert.Equal(new AmountCondition(1000, 10), rule.Amount);
        Assert.Equal(new WindowCondition(86400, 5000, 10, WindowScope.Initiator), rule.Window);
        Assert.Equal(PolicyAction.RequireApproval, rule.Action);
        Assert.Equal(["alice", "bob", "approver"], rule.Approval!.Approvers);
        Assert.Equal(2, rule.Approval.Quorum);
        Assert.Equal(3600, rule.Approval.ExpiresInSeconds);
    }

    [Fact]
    public void TryParse_ManyProblems_ReportsThemAllTogether()
    {
        var errors = Errors("{'rules':[{'id':'a b','action':'permit','keys':[]},{'id':'c','action':'allow','amount':{'max':'-1'}}]}");

        Assert.Equal(["rules[0].id", "rules[0].keys", "rules[0].action", "rules[1].amount.max"], errors.Select(e => e.Path));
    }

    [Fact]
    public void TryParse_MoreThanFiftyProblems_ReportsFifty()
    {
        var rules = Enumerable.Range(0, 80).Select(i => $"{{'id':'r{i}','action':'permit'}}");

        var errors = Errors($"{{'rules':[{string.Join(",", rules)}]}}");

        Assert.Equal(PolicyLimits.MaxErrors, errors.Count);
        Assert.Equal("rules[49].action", errors[^1].Path);
    }

    [Fact]
    public void TryParse_MoreThanAThousandRules_IsRefusedAtRules()
    {
        static string Document(int count) =>
            $"{{'rules':[{string.Join(",", Enumerable.Range(0, count).Select(i => $"{{'id':'r{i}','action':'allow'}}"))}]}}";

        Assert.True(PolicyDocument.TryParse(Json(Document(1000)), out var thousand, out _));
        Assert.Equal(1000, thousand.Rules.Count);

        var error = Assert.Single(Errors(Document(1001)));
        Assert.Equal("rules", error.Path);
        Assert.Contains("1001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ListOverTheLimit_IsRefusedAtTheList()
    {
        var keys = string.Join(",", Enumerable.Range(0, PolicyLimits.MaxListEntries + 1).Select(i => $"'k{i}'"));

        var error = Assert.Single(Errors($"{{'rules':[{{'id':'a','action':'allow','keys':[{keys}]}}]}}"));

        Assert.Equal("rules[0].keys", error.Path);
    }

    [Fact]
    public void TryParse_HugeUnknownPropertyName_IsCutInThePath()
    {
        var name = new string('p', 100_000);

        var error = Assert.Single(Errors($"{{'rules':[],'{name}':1}}"));

        Assert.Equal(new string('p', PolicyLimits.MaxQuotedNameLength) + "…", error.Path);
    }

    [Fact]
    public void TryParse_TextThatIsNotJson_IsOneErrorAtTheRoot()
    {
        Assert.False(PolicyDocument.TryParse("{\"rules\": [", out var document, out var errors));

        Assert.Null(document);
        Assert.Equal("$", Assert.Single(errors).Path);
    }

    [Fact]
    public void TryParse_DeeplyNestedJson_IsRefusedWithoutThrowing()
    {
        var json = "{\"rules\":[{\"id\":" + new string('[', 500) + new string(']', 500) + "}]}";

        Assert.False(PolicyDocument.TryParse(json, out _, out var errors));

        Assert.Equal("$", Assert.Single(errors).Path);
    }

    [Fact]
    public void TryParse_DefaultElement_IsAnErrorNotAnException()
    {
        Assert.False(PolicyDocument.TryParse(default(JsonElement), out var document, out var errors));

        Assert.Null(document);
        Assert.Equal("$", Assert.Single(errors).Path);
    }

    [Fact]
    public void TryParse_RandomMutationsOfAValidDocument_NeverThrow()
    {
        var valid = Json($"{{'rules':[{{'id':'a','operation':'sign_transaction','keys':['*'],'amount':{{'max':'10'}},'window':{{'seconds':60,'maxCount':2}},'action':'require_approval',{Approval}}}]}}");
        var random = new Random(7);
        var parsed = 0;
        for (var i = 0; i < 2000; i++)
        {
            var chars = valid.ToCharArray();
            chars[random.Next(chars.Length)] = "\"{}[]:,0a-1.'"[random.Next(13)];
            if (PolicyDocument.TryParse(new string(chars), out _, out var errors))
            {
                parsed++;
            }
            else
            {
                Assert.InRange(errors.Count, 1, PolicyLimits.MaxErrors);
            }
        }

        Assert.InRange(parsed, 0, 1999);
    }

    [Fact]
    public void LongestWindowSeconds_IsTheLongestWindowOfAnyRule()
    {
        Assert.Equal(0, Rules("{'id':'a','action':'allow'}").LongestWindowSeconds);
        Assert.Equal(0, Rules().LongestWindowSeconds);
        Assert.Equal(86400, Rules(
            "{'id':'a','window':{'seconds':3600,'maxCount':1},'action':'allow'}",
            "{'id':'b','window':{'seconds':86400,'maxCount':9},'action':'deny'}",
            "{'id':'c','action':'allow'}").LongestWindowSeconds);
    }

    [Fact]
    public void Canonical_ParseCanonicalParse_GivesTheSameCanonical()
    {
        var policy = Rules(
            $"{{'approval':{{'expiresIn':3600,'quorum':2,'approvers':['alice','bob','approver']}},'action':'require_approval','id':'big',"
            + "'description':'Größere Beträge <b> & \\\"quoted\\\"','amount':{'above':'100'},'window':{'maxCount':3,'seconds':600},"
            + $"'destinations':{{'deny':['{Other}']}},'assets':['{Usdc}'],'chains':['eip155:1'],'initiators':['signer'],'keys':['*'],'operation':'sign_transaction'}}",
            "{'id':'raw','operation':['sign_raw'],'keys':['k-1'],'action':'allow'}");

        var canonical = policy.Canonical();
        Assert.True(PolicyDocument.TryParse(canonical, out var reparsed, out var errors), string.Join("; ", errors));

        Assert.Equal(canonical, reparsed.Canonical());
        Assert.Equal(policy.Rules, reparsed.Rules, (a, b) => a.Id == b.Id && a.Description == b.Description && a.Action == b.Action);
        Assert.Equal("Größere Beträge <b> & \"quoted\"", reparsed.Rules[0].Description);
    }

    [Fact]
    public void Canonical_SmallDocument_HasTheReferenceOrderAndNormalForms()
    {
        var policy = Rules("{'action':'allow','window':{'maxCount':3,'seconds':60},'operation':'sign_message','id':'a'}");

        Assert.Equal(
            """{"rules":[{"id":"a","operation":["sign_message"],"window":{"seconds":60,"maxCount":3,"per":"key"},"action":"allow"}]}""",
            policy.Canonical());
    }

    [Fact]
    public void Canonical_EquivalentSpellings_AreEqual()
    {
        var spaced = Json("""
            { "rules" : [ { "id" : "a", "operation" : "sign_message", "window" : { "seconds" : 60, "maxCount" : 3, "per" : "key" },
              "action" : "allow" } ] }
            """);
        var compact = Json("{'rules':[{'action':'allow','operation':['sign_message'],'window':{'maxCount':3,'seconds':60},'id':'a'}]}");

        Assert.True(PolicyDocument.TryParse(spaced, out var first, out _));
        Assert.True(PolicyDocument.TryParse(compact, out var second, out _));

        Assert.Equal(first.Canonical(), second.Canonical());
    }

    [Fact]
    public void Canonical_DifferentRuleOrder_IsDifferent()
    {
        var first = Rules("{'id':'a','action':'allow'}", "{'id':'b','action':'deny'}");
        var second = Rules("{'id':'b','action':'deny'}", "{'id':'a','action':'allow'}");

        Assert.NotEqual(first.Canonical(), second.Canonical());
    }
}
