using System.Security.Cryptography;
using Arcanum.Crypto.Hashing;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// HKDF(chaining_key, input_key_material, num_outputs) of Noise revision 34, §4.3, over HMAC-BLAKE2s:
/// temp_key = HMAC(ck, ikm); output1 = HMAC(temp_key, 0x01); output2 = HMAC(temp_key, output1 ‖ 0x02);
/// output3 = HMAC(temp_key, output2 ‖ 0x03).
/// </summary>
internal static class NoiseHkdf
{
    public const int OutputLength = HmacBlake2s.HashLength;

    /// <summary>
    /// Two outputs (num_outputs = 2). The outputs may overlap <paramref name="chainingKey"/>, which is
    /// read only before they are written.
    /// </summary>
    public static void Derive(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial, Span<byte> output1, Span<byte> output2) =>
        Derive(chainingKey, inputKeyMaterial, output1, output2, Span<byte>.Empty);

    /// <summary>
    /// Two outputs when <paramref name="output3"/> is empty, three otherwise; each output is 32 bytes.
    /// </summary>
    public static void Derive(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> inputKeyMaterial,
        Span<byte> output1, Span<byte> output2, Span<byte> output3)
    {
        Span<byte> tempKey = stackalloc byte[OutputLength];
        Span<byte> counterInput = stackalloc byte[OutputLength + 1];
        try
        {
            HmacBlake2s.Compute(chainingKey, inputKeyMaterial, tempKey);

            counterInput[0] = 0x01;
            HmacBlake2s.Compute(tempKey, counterInput[..1], output1);

            output1.CopyTo(counterInput);
            counterInput[OutputLength] = 0x02;
            HmacBlake2s.Compute(tempKey, counterInput, output2);

            if (!output3.IsEmpty)
            {
                output2.CopyTo(counterInput);
                counterInput[OutputLength] = 0x03;
                HmacBlake2s.Compute(tempKey, counterInput, output3);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tempKey);
            CryptographicOperations.ZeroMemory(counterInput);
        }
    }
}
