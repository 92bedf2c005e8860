using System.Text.Json.Nodes;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Tests.Support;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Ledger.Tests.Transactions;

/// <summary>The JSON wire form: a round trip, and every malformed document refused with the field named.</summary>
public sealed class TransactionJsonTests : IDisposable
{
    private readonly LedgerHarness _ledger = new(("alice", 100));

    private Transaction Sample => _ledger.Sign("alice", "accounts", "transfer", new TransferArgs(_ledger.Id("bob"), 5).Encode(), nonce: 42);

    [Fact]
    public void TryParse_Write_RoundTrips()
    {
        var json = TransactionJson.Write(Sample);

        Assert.True(TransactionJson.TryParse(json, out var parsed, out var error), error?.ToString());
        Assert.Equal(Sample.EncodeSigned(), parsed.EncodeSigned());
        Assert.True(parsed.VerifySignature());
    }

    [Fact]
    public void TryParse_HexSender_Accepted()
    {
        var node = Node();
        node["sender"] = Sample.Sender.ToHex();

        Assert.True(TransactionJson.TryParse(Bytes(node), out var parsed, out _));
        Assert.Equal(Sample.Sender, parsed.Sender);
    }

    public static TheoryData<string> Fields => ["chainId", "sender", "nonce", "module", "call", "args", "signature"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void TryParse_MissingField_NamesIt(string field)
    {
        var node = Node();
        node.Remove(field);

        Assert.False(TransactionJson.TryParse(Bytes(node), out _, out var error));
        Assert.Equal(field, error.Field);
        Assert.Equal(7, Fields.Count);
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "chainId", "1" },
        { "chainId", "\"UPPER\"" },
        { "sender", "\"arc1xyz\"" },
        { "sender", "null" },
        { "nonce", "-1" },
        { "nonce", "1.5" },
        { "nonce", "1e3" },
        { "nonce", "18446744073709551616" },
        { "nonce", "\"5\"" },
        { "module", "\"no such\"" },
        { "call", "true" },
        { "args", "\"0\"" },
        { "args", "\"AB\"" },
        { "args", "[1]" },
        { "signature", "\"00\"" },
        { "signature", "{}" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void TryParse_BadValue_NamesField(string field, string rawValue)
    {
        var text = System.Text.Encoding.UTF8.GetString(TransactionJson.Write(Sample));
        var node = Node();
        var original = node[field]!.ToJsonString();
        var replaced = text.Replace($"\"{field}\":{original}", $"\"{field}\":{rawValue}", StringComparison.Ordinal);
        Assert.NotEqual(text, replaced);

        Assert.False(TransactionJson.TryParse(System.Text.Encoding.UTF8.GetBytes(replaced), out _, out var error));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void TryParse_UnknownField_NamesIt()
    {
        var node = Node();
        node["memo"] = "hi";

        Assert.False(TransactionJson.TryParse(Bytes(node), out _, out var error));
        Assert.Equal("memo", error.Field);
    }

    [Fact]
    public void TryParse_DuplicateField_NamesIt()
    {
        var text = System.Text.Encoding.UTF8.GetString(TransactionJson.Write(Sample));
        var duplicated = text.Replace("{", "{\"call\":\"transfer\",", StringComparison.Ordinal);

        Assert.False(TransactionJson.TryParse(System.Text.Encoding.UTF8.GetBytes(duplicated), out _, out var error));
        Assert.Equal("call", error.Field);
    }

    public static TheoryData<string> BadDocuments => ["", "[]", "\"tx\"", "{", "{} {}", "{\"nonce\":1,}", "{/*c*/}", "{\"args\":\"\\ud800\"}"];

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void TryParse_BadDocument_ReturnsFalse(string document)
    {
        Assert.False(TransactionJson.TryParse(System.Text.Encoding.UTF8.GetBytes(document), out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_OverLength_RefusedBeforeParsing()
    {
        var huge = new byte[TransactionJson.MaxLength + 1];

        Assert.False(TransactionJson.TryParse(huge, out _, out var error));
        Assert.Equal(string.Empty, error.Field);
        Assert.Contains("over", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _ledger.Dispose();

    private JsonObject Node() => JsonNode.Parse(TransactionJson.Write(Sample))!.AsObject();

    private static byte[] Bytes(JsonObject node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
}
