namespace Arcanum.Chains.Cosmos;

/// <summary>
/// The SIGN_MODE_DIRECT document (cosmos.tx.v1beta1.SignDoc, ADR-020): body_bytes = 1, auth_info_bytes = 2,
/// chain_id = 3, account_number = 4, written in field order with proto3 defaults omitted, as cosmjs'
/// <c>makeSignBytes</c> does.
/// </summary>
public sealed record CosmosSignDoc(ReadOnlyMemory<byte> BodyBytes, ReadOnlyMemory<byte> AuthInfoBytes, string ChainId, ulong AccountNumber)
{
    /// <summary>The protobuf bytes whose SHA-256 is signed.</summary>
    public byte[] Encode()
    {
        var writer = new ProtobufWriter();
        writer.WriteBytes(1, BodyBytes.Span);
        writer.WriteBytes(2, AuthInfoBytes.Span);
        writer.WriteString(3, ChainId);
        writer.WriteUInt64(4, AccountNumber);
        return writer.ToArray();
    }

    /// <summary>
    /// cosmos.tx.v1beta1.TxRaw (body_bytes = 1, auth_info_bytes = 2, signatures = 3) carrying one signature:
    /// the bytes broadcast to the chain.
    /// </summary>
    public byte[] EncodeTxRaw(ReadOnlySpan<byte> signature)
    {
        var writer = new ProtobufWriter();
        writer.WriteBytes(1, BodyBytes.Span);
        writer.WriteBytes(2, AuthInfoBytes.Span);
        writer.WriteBytes(3, signature, always: true);
        return writer.ToArray();
    }
}
