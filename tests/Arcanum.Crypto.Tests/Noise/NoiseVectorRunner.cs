using System.Buffers;
using System.Text.Json;
using Arcanum.Crypto.Curves;
using Arcanum.Crypto.Noise;

namespace Arcanum.Crypto.Tests.Noise;

/// <summary>
/// Runs one vector in the cacophony/snow JSON format: both parties with the vector's static and
/// ephemeral keys, prologue and psks; messages alternate initiator → responder → … through the
/// handshake and on into transport; every ciphertext and payload must match byte for byte, and the
/// handshake hash where the vector gives one.
/// </summary>
internal static class NoiseVectorRunner
{
    /// <summary>The reasons the vector failed; empty when it passed.</summary>
    public static List<string> Run(JsonElement vector)
    {
        var failures = new List<string>();
        var protocol = NoiseProtocol.Parse(vector.GetProperty("protocol_name").GetString()!);
        using var initiatorStatic = PrivateKey(vector, "init_static");
        using var initiatorEphemeral = PrivateKey(vector, "init_ephemeral");
        using var responderStatic = PrivateKey(vector, "resp_static");
        using var responderEphemeral = PrivateKey(vector, "resp_ephemeral");

        using var initiator = HandshakeState.Create(
            Settings(vector, "init", protocol, NoiseRole.Initiator, initiatorStatic), initiatorEphemeral);
        using var responder = HandshakeState.Create(
            Settings(vector, "resp", protocol, NoiseRole.Responder, responderStatic), responderEphemeral);

        var messages = vector.GetProperty("messages").EnumerateArray().ToList();
        var handshakeLength = protocol.Pattern.Messages.Count;
        for (var i = 0; i < handshakeLength; i++)
        {
            var (writer, reader) = HandshakePattern.IsSentByInitiator(i) ? (initiator, responder) : (responder, initiator);
            CheckHandshakeMessage(writer, reader, messages[i], i, failures);
        }

        if (!initiator.IsCompleted || !responder.IsCompleted)
        {
            failures.Add("the handshake did not complete");
            return failures;
        }

        using var initiatorTransport = initiator.Split();
        using var responderTransport = responder.Split();
        CheckSessionBinding(vector, initiatorTransport, responderTransport, initiatorStatic, failures);

        for (var i = handshakeLength; i < messages.Count; i++)
        {
            var (writer, reader) = HandshakePattern.IsSentByInitiator(i)
                ? (initiatorTransport, responderTransport)
                : (responderTransport, initiatorTransport);
            CheckTransportMessage(writer, reader, messages[i], i, failures);
        }

        return failures;
    }

    private static void CheckHandshakeMessage(HandshakeState writer, HandshakeState reader, JsonElement message, int index, List<string> failures)
    {
        var payload = Hex(message, "payload");
        var expected = Hex(message, "ciphertext");

        var output = new ArrayBufferWriter<byte>();
        var written = writer.WriteMessage(payload, output);
        if (written != NoiseResult.Success || !output.WrittenSpan.SequenceEqual(expected))
        {
            failures.Add($"handshake message {index}: wrote {written} {Convert.ToHexStringLower(output.WrittenSpan)}");
        }

        var received = new byte[expected.Length];
        var read = reader.ReadMessage(expected, received, out var length);
        if (read != NoiseResult.Success || !received.AsSpan(0, length).SequenceEqual(payload))
        {
            failures.Add($"handshake message {index}: read {read}");
        }
    }

    private static void CheckTransportMessage(NoiseTransport writer, NoiseTransport reader, JsonElement message, int index, List<string> failures)
    {
        var payload = Hex(message, "payload");
        var expected = Hex(message, "ciphertext");

        var ciphertext = new byte[payload.Length + CipherState.TagLength];
        var written = writer.WriteMessage(payload, ciphertext, out var length);
        if (written != NoiseResult.Success || !ciphertext.AsSpan(0, length).SequenceEqual(expected))
        {
            failures.Add($"transport message {index}: wrote {written} {Convert.ToHexStringLower(ciphertext.AsSpan(0, length))}");
        }

        var received = new ArrayBufferWriter<byte>();
        var read = reader.ReadMessage(expected, received);
        if (read != NoiseResult.Success || !received.WrittenSpan.SequenceEqual(payload))
        {
            failures.Add($"transport message {index}: read {read}");
        }
    }

    private static void CheckSessionBinding(JsonElement vector, NoiseTransport initiator, NoiseTransport responder,
        X25519PrivateKey initiatorStatic, List<string> failures)
    {
        if (!initiator.HandshakeHash.SequenceEqual(responder.HandshakeHash))
        {
            failures.Add("the two parties' handshake hashes differ");
        }

        if (vector.TryGetProperty("handshake_hash", out _) && !initiator.HandshakeHash.SequenceEqual(Hex(vector, "handshake_hash")))
        {
            failures.Add($"handshake hash {Convert.ToHexStringLower(initiator.HandshakeHash)}");
        }

        if (!responder.RemoteStaticKey.Equals(initiatorStatic.PublicKey))
        {
            failures.Add("the responder did not learn the initiator's static key");
        }

        if (!initiator.RemoteStaticKey.AsSpan().SequenceEqual(Hex(vector, "init_remote_static")))
        {
            failures.Add("the initiator's remote static key is not the pinned one");
        }
    }

    private static HandshakeSettings Settings(JsonElement vector, string party, NoiseProtocol protocol, NoiseRole role, X25519PrivateKey localStatic) =>
        new()
        {
            Protocol = protocol,
            Role = role,
            Prologue = Hex(vector, party + "_prologue"),
            LocalStaticKey = localStatic,
            RemoteStaticKey = vector.TryGetProperty(party + "_remote_static", out var remote)
                ? X25519PublicKey.FromBytes(Convert.FromHexString(remote.GetString()!))
                : null,
            PreSharedKeys = vector.TryGetProperty(party + "_psks", out var psks)
                ? [.. psks.EnumerateArray().Select(p => (ReadOnlyMemory<byte>)Convert.FromHexString(p.GetString()!))]
                : [],
        };

    private static X25519PrivateKey PrivateKey(JsonElement vector, string name) => X25519PrivateKey.FromBytes(Hex(vector, name));

    private static byte[] Hex(JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);
}
