using System.Buffers.Binary;
using System.Numerics;

namespace Arcanum.Chains.Ethereum;

/// <summary>The ERC-20 functions a transaction summary recognises (EIP-20), by their 4-byte selector.</summary>
public enum Erc20Function : uint
{
    /// <summary><c>transfer(address,uint256)</c>: the recipient and the amount.</summary>
    Transfer = 0xa9059cbb,

    /// <summary><c>transferFrom(address,address,uint256)</c>: the owner, the recipient and the amount.</summary>
    TransferFrom = 0x23b872dd,

    /// <summary><c>approve(address,uint256)</c>: the spender and the allowance.</summary>
    Approve = 0x095ea7b3,
}

/// <summary>
/// A call of an ERC-20 function whose arguments are exactly ABI-encoded (Solidity ABI specification, "Formal
/// Specification of the Encoding"): the selector, then one 32-byte word per argument and nothing else; an address
/// word is 12 zero bytes and the 20 address bytes; a uint256 word is any 32 bytes, big-endian.
/// </summary>
/// <param name="Function">The function called.</param>
/// <param name="Destination">The 20-byte recipient (transfer, transferFrom) or spender (approve).</param>
/// <param name="Amount">The amount or allowance, 0 to 2^256 − 1.</param>
public sealed record Erc20Call(Erc20Function Function, ReadOnlyMemory<byte> Destination, BigInteger Amount)
{
    private const int SelectorLength = 4;
    private const int WordLength = 32;
    private const int AddressPadding = WordLength - EthereumAddress.Length;

    /// <summary>Decodes <paramref name="data"/> as one of the <see cref="Erc20Function"/> calls; false for anything else (never throws).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out Erc20Call? call)
    {
        call = null;
        if (data.Length < SelectorLength)
        {
            return false;
        }

        var function = (Erc20Function)BinaryPrimitives.ReadUInt32BigEndian(data);
        var (words, destinationWord) = function switch
        {
            Erc20Function.Transfer or Erc20Function.Approve => (2, 0),
            Erc20Function.TransferFrom => (3, 1),
            _ => (0, 0),
        };
        var arguments = data[SelectorLength..];
        if (words == 0 || arguments.Length != words * WordLength)
        {
            return false;
        }

        for (var i = 0; i < words - 1; i++)
        {
            if (arguments.Slice(i * WordLength, AddressPadding).ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        var destination = arguments.Slice((destinationWord * WordLength) + AddressPadding, EthereumAddress.Length).ToArray();
        var amount = new BigInteger(arguments[^WordLength..], isUnsigned: true, isBigEndian: true);
        call = new Erc20Call(function, destination, amount);
        return true;
    }
}
