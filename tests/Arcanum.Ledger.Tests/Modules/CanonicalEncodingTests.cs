using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Execution;
using Arcanum.Ledger.Modules.Access;
using Arcanum.Ledger.Modules.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Modules.Keystore;
using Arcanum.Ledger.Modules.Messages;

namespace Arcanum.Ledger.Tests.Modules;

/// <summary>Every args and stored-record encoding: decode(encode(x)) re-encodes to the same bytes; every proper prefix and every extension is refused.</summary>
public sealed class CanonicalEncodingTests
{
    private delegate bool Decoder(byte[] encoded, out Func<byte[]>? reencode);

    private static readonly AccountId Alice = AccountId.FromBytes([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    private static readonly AccountId Bob = AccountId.FromBytes([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);
    private static readonly ResourceId Doc = ResourceId.Create("doc.v1:a-b_c");

    private static readonly Dictionary<string, (byte[] Encoded, Decoder Decode)> Cases = new(StringComparer.Ordinal)
    {
        ["transfer"] = (new TransferArgs(Alice, 12345).Encode(), Wrap<TransferArgs>(TransferArgs.TryDecode, a => a.Encode())),
        ["register_key"] = (new RegisterKeyArgs(Alice.Bytes.ToArray(), Bob.Bytes.ToArray()).Encode(), Wrap<RegisterKeyArgs>(RegisterKeyArgs.TryDecode, a => a.Encode())),
        ["rotate_key"] = (new RotateKeyArgs(Bob.Bytes.ToArray()).Encode(), Wrap<RotateKeyArgs>(RotateKeyArgs.TryDecode, a => a.Encode())),
        ["register_resource"] = (new RegisterResourceArgs(Doc, PrivacyLevel.Anonymous).Encode(), Wrap<RegisterResourceArgs>(RegisterResourceArgs.TryDecode, a => a.Encode())),
        ["grant_access"] = (new GrantAccessArgs(Doc, Bob, 99, Admin: true).Encode(), Wrap<GrantAccessArgs>(GrantAccessArgs.TryDecode, a => a.Encode())),
        ["grant_access/no expiry"] = (new GrantAccessArgs(Doc, Bob, null, Admin: false).Encode(), Wrap<GrantAccessArgs>(GrantAccessArgs.TryDecode, a => a.Encode())),
        ["revoke_access"] = (new RevokeAccessArgs(Doc, Bob).Encode(), Wrap<RevokeAccessArgs>(RevokeAccessArgs.TryDecode, a => a.Encode())),
        ["batch_grant"] = (BatchGrantArgs.Create(Doc, [Bob, Alice], 7).Encode(), Wrap<BatchGrantArgs>(BatchGrantArgs.TryDecode, a => a.Encode())),
        ["send_message/direct"] = (new SendMessageArgs(MessageTarget.ToAccount(Bob), [1, 2]).Encode(), Wrap<SendMessageArgs>(SendMessageArgs.TryDecode, a => a.Encode())),
        ["send_message/group"] = (new SendMessageArgs(MessageTarget.ToGroup(Doc), [3]).Encode(), Wrap<SendMessageArgs>(SendMessageArgs.TryDecode, a => a.Encode())),
        ["key record"] = (new KeyRecord(3, Alice.Bytes.ToArray(), Bob.Bytes.ToArray(), 8).Encode(), Wrap<KeyRecord>(KeyRecord.TryDecode, a => a.Encode())),
        ["key rotation"] = (new KeyRotation(3, Alice.Bytes.ToArray(), 8).Encode(), Wrap<KeyRotation>(KeyRotation.TryDecode, a => a.Encode())),
        ["resource record"] = (new ResourceRecord(Alice, PrivacyLevel.Public, 2).Encode(), Wrap<ResourceRecord>(ResourceRecord.TryDecode, a => a.Encode())),
        ["grant record"] = (new GrantRecord(true, 5, Alice, 2).Encode(), Wrap<GrantRecord>(GrantRecord.TryDecode, a => a.Encode())),
        ["stored message"] = (new StoredMessage(Alice, MessageTarget.ToGroup(Doc), 4, 5, 6, [9]).Encode(), Wrap<StoredMessage>(StoredMessage.TryDecode, a => a.Encode())),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_Encoded_ReencodesIdentically(string name)
    {
        var (encoded, decode) = Cases[name];

        Assert.True(decode(encoded, out var reencode));
        Assert.Equal(encoded, reencode!());
        Assert.Equal(15, Cases.Count);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_EveryPrefixAndExtension_Refused(string name)
    {
        var (encoded, decode) = Cases[name];

        var acceptedPrefixes = Enumerable.Range(0, encoded.Length).Count(length => decode(encoded[..length], out _));

        Assert.Equal(0, acceptedPrefixes);
        Assert.False(decode([.. encoded, 0], out _));
    }

    [Fact]
    public void TxOutcome_Encode_IncludedAndRejectedDiffer()
    {
        var included = TxOutcome.Included([new LedgerEvent("m", "n", [new EventAttribute("k", "v")])]);
        var empty = TxOutcome.Included([]);
        var rejected = TxOutcome.Rejected(ErrorCodes.BadSignature, "x");

        Assert.Equal("0100000001000000016d000000016e00000001000000016b0000000176", Convert.ToHexStringLower(included.Encode()));
        Assert.Equal("0100000000", Convert.ToHexStringLower(empty.Encode()));
        Assert.Equal(TxOutcome.Rejected(ErrorCodes.BadSignature, "other words").Encode(), rejected.Encode());
    }

    private static Decoder Wrap<T>(ArgsDecoder<T> decode, Func<T, byte[]> encode)
        where T : class =>
        (byte[] encoded, out Func<byte[]>? reencode) =>
        {
            var ok = decode(encoded, out var value);
            reencode = ok && value is not null ? () => encode(value) : null;
            return ok;
        };
}
