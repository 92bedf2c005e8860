using System.Globalization;

namespace Arcanum.Crypto.Noise;

/// <summary>
/// A Noise handshake pattern (revision 34, §7): the message patterns, the initiator sending messages
/// 0, 2, … and the responder 1, 3, …. Only the IK family is supported — the fundamental IK (§7.5), its
/// deferred variant IK1 (§7.6), and both with psk modifiers (§9.4); any other name is refused with
/// <see cref="NotSupportedException"/>. All of them share the single pre-message "&lt;- s": the
/// initiator knows the responder's static public key before the handshake.
/// </summary>
public sealed class HandshakePattern
{
    private const string PskModifierPrefix = "psk";

    /// <summary>The supported base patterns' message patterns (the pre-message "&lt;- s" is implied).</summary>
    private static readonly Dictionary<string, NoiseToken[][]> BasePatterns = new(StringComparer.Ordinal)
    {
        // IK (§7.5):  <- s  ...  -> e, es, s, ss   <- e, ee, se
        ["IK"] = [[NoiseToken.E, NoiseToken.ES, NoiseToken.S, NoiseToken.SS], [NoiseToken.E, NoiseToken.EE, NoiseToken.SE]],

        // IK1 (§7.6, deferred):  <- s  ...  -> e, s   <- e, ee, se, es
        ["IK1"] = [[NoiseToken.E, NoiseToken.S], [NoiseToken.E, NoiseToken.EE, NoiseToken.SE, NoiseToken.ES]],
    };

    private HandshakePattern(string name, IReadOnlyList<IReadOnlyList<NoiseToken>> messages, int pskCount)
    {
        Name = name;
        Messages = messages;
        PreSharedKeyCount = pskCount;
    }

    /// <summary>The pattern's name as written in a protocol name, e.g. "IKpsk0+psk2".</summary>
    public string Name { get; }

    /// <summary>The message patterns in order.</summary>
    public IReadOnlyList<IReadOnlyList<NoiseToken>> Messages { get; }

    /// <summary>The number of "psk" tokens, which is the number of pre-shared keys each party needs.</summary>
    public int PreSharedKeyCount { get; }

    /// <summary>True when the pattern has psk tokens, so "e" also calls MixKey (§9.2).</summary>
    public bool IsPsk => PreSharedKeyCount > 0;

    /// <summary>
    /// Parses a pattern name: a supported base pattern followed by zero or more psk modifiers joined
    /// by "+" (§8, §9.4). "pskN" puts a psk token at the start of the first message when N = 0 and at
    /// the end of message N otherwise. Throws <see cref="NotSupportedException"/> for anything else.
    /// </summary>
    public static HandshakePattern Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var baseLength = 0;
        while (baseLength < name.Length && (char.IsAsciiLetterUpper(name[baseLength]) || char.IsAsciiDigit(name[baseLength])))
        {
            baseLength++;
        }

        var baseName = name[..baseLength];
        if (!BasePatterns.TryGetValue(baseName, out var baseMessages))
        {
            throw new NotSupportedException(
                $"The Noise handshake pattern '{baseName}' is not supported; only {string.Join(", ", BasePatterns.Keys)} (with psk modifiers) are.");
        }

        var messages = baseMessages.Select(m => new List<NoiseToken>(m)).ToList();
        var pskCount = 0;
        if (baseLength < name.Length)
        {
            var seen = new HashSet<int>();
            foreach (var modifier in name[baseLength..].Split('+'))
            {
                var position = ParsePskModifier(modifier, messages.Count, name);
                if (!seen.Add(position))
                {
                    throw new NotSupportedException($"The Noise pattern '{name}' repeats the modifier '{modifier}'.");
                }

                if (position == 0)
                {
                    messages[0].Insert(0, NoiseToken.Psk);
                }
                else
                {
                    messages[position - 1].Add(NoiseToken.Psk);
                }

                pskCount++;
            }
        }

        return new HandshakePattern(name, [.. messages.Select(m => (IReadOnlyList<NoiseToken>)m.AsReadOnly())], pskCount);
    }

    /// <summary>True when <paramref name="messageIndex"/> is sent by the initiator (§7.1: arrows alternate, starting "->").</summary>
    public static bool IsSentByInitiator(int messageIndex) => messageIndex % 2 == 0;

    public override string ToString() => Name;

    private static int ParsePskModifier(string modifier, int messageCount, string patternName)
    {
        if (modifier.StartsWith(PskModifierPrefix, StringComparison.Ordinal)
            && int.TryParse(modifier.AsSpan(PskModifierPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && position <= messageCount
            && modifier == PskModifierPrefix + position.ToString(CultureInfo.InvariantCulture))
        {
            return position;
        }

        throw new NotSupportedException(
            $"The modifier '{modifier}' in the Noise pattern '{patternName}' is not supported; only psk0 to psk{messageCount} are.");
    }
}
