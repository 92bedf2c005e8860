using System.Numerics;
using System.Text.Json;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Chains.Ethereum;

/// <summary>
/// The 32-byte encodings of EIP-712 atomic and dynamic values (EIP-712 §Definition of encodeData):
/// string and bytes hash to Keccak-256 of their contents; bool, address, uintN and intN are ABI words
/// (addresses and integers left-padded, negative integers sign-extended); bytesN is right-padded.
/// </summary>
internal static class TypedDataAtoms
{
    private const int WordLength = 32;
    private const int MaxDynamicBytes = 1024 * 1024;

    public static byte[] Encode(string type, JsonElement value, string path, int? fixedBytes, (int Bits, bool Signed)? integer)
    {
        if (integer is { } bits)
        {
            return Word(ReadInteger(value, path, bits.Bits, bits.Signed));
        }

        if (fixedBytes is { } n)
        {
            var bytes = Data(value, path, n);
            return bytes.Length == n ? [.. bytes, .. new byte[WordLength - n]]
                : throw new JsonFieldException($"{path}: {type} needs exactly {n} bytes, found {bytes.Length}");
        }

        return type switch
        {
            "string" => value.ValueKind == JsonValueKind.String ? Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(value.GetString()!))
                : throw new JsonFieldException($"{path}: expected a string, found {value.ValueKind}"),
            "bytes" => Keccak256.Hash(Data(value, path, MaxDynamicBytes)),
            "bool" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? Word(value.GetBoolean() ? 1 : 0)
                : throw new JsonFieldException($"{path}: expected true or false, found {value.ValueKind}"),
            "address" => [.. new byte[WordLength - EthereumAddress.Length], .. Address(value, path).Bytes],
            _ => throw new JsonFieldException($"{path}: unsupported type '{type}'"),
        };
    }

    private static byte[] Data(JsonElement value, string path, int maxBytes) =>
        JsonQuantity.TryReadData(value, path, maxBytes, out var data, out var error) ? data : throw new JsonFieldException(error!);

    private static EthereumAddress Address(JsonElement value, string path) =>
        JsonQuantity.TryReadAddress(value, path, out var address, out var error) ? address : throw new JsonFieldException(error!);

    /// <summary>Reads uintN (0 … 2^N − 1) or intN (−2^(N−1) … 2^(N−1) − 1).</summary>
    private static BigInteger ReadInteger(JsonElement value, string path, int bits, bool signed)
    {
        var (min, max) = signed
            ? (-(BigInteger.One << (bits - 1)), (BigInteger.One << (bits - 1)) - 1)
            : (BigInteger.Zero, (BigInteger.One << bits) - 1);
        return JsonQuantity.TryReadSigned(value, path, min, max, out var integer, out var error) ? integer : throw new JsonFieldException(error!);
    }

    /// <summary>A 32-byte big-endian two's-complement word.</summary>
    private static byte[] Word(BigInteger value)
    {
        var word = new byte[WordLength];
        if (value.Sign < 0)
        {
            word.AsSpan().Fill(0xff);
        }

        var length = value.GetByteCount();
        var bytes = value.ToByteArray(isUnsigned: false, isBigEndian: true);
        bytes.AsSpan(Math.Max(0, length - WordLength)).CopyTo(word.AsSpan(WordLength - Math.Min(length, WordLength)));
        return word;
    }
}
