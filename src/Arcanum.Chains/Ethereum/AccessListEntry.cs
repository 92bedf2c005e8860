namespace Arcanum.Chains.Ethereum;

/// <summary>One EIP-2930 access-list entry: an address and the 32-byte storage keys it pre-declares.</summary>
public sealed record AccessListEntry(EthereumAddress Address, IReadOnlyList<ReadOnlyMemory<byte>> StorageKeys)
{
    /// <summary>The length of a storage key in bytes.</summary>
    public const int StorageKeyLength = 32;

    internal byte[] EncodeRlp() => Rlp.EncodeList(
        [Rlp.EncodeBytes(Address.Bytes), Rlp.EncodeList(StorageKeys.Select(key => Rlp.EncodeBytes(key.Span)))]);
}
