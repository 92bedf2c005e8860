namespace Arcanum.Chains.Ethereum;

/// <summary>The transaction envelope (EIP-2718 type byte).</summary>
public enum EvmTransactionType
{
    /// <summary>Legacy RLP transaction, signed with EIP-155 replay protection.</summary>
    Legacy = 0,

    /// <summary>EIP-1559 dynamic-fee transaction, envelope type 0x02.</summary>
    DynamicFee = 2,
}
