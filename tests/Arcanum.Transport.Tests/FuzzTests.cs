using Arcanum.Mpc.Protocol;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport.Tests;

/// <summary>Random and mutated input never makes a decoder throw; anything not genuinely valid is refused with a reason.</summary>
public sealed class FuzzTests : IDisposable
{
    private const int Cases = 2000;

    private readonly ClusterNodes _nodes = new();

    [Fact]
    public void ClusterFramesTryParse_RandomAndMutatedFrames_NeverThrowAndRefuseWithAReason()
    {
        var random = new Random(40);
        var seeds = SampleFrames().Select(frame => frame.ToByteArray()).ToArray();
        var refused = 0;
        for (var i = 0; i < Cases; i++)
        {
            var bytes = i % 4 == 0 ? RandomBytes(random, random.Next(0, 300)) : Mutate(random, seeds[random.Next(seeds.Length)]);
            if (ClusterFrames.TryParse(bytes, 1 << 20, out var frame, out var error))
            {
                // Accepted only when it is exactly the canonical encoding of a frame with a body.
                Assert.Equal(bytes, frame.ToByteArray());
                Assert.NotEqual(ClusterFrame.BodyOneofCase.None, frame.BodyCase);
            }
            else
            {
                Assert.Null(frame);
                Assert.NotEmpty(error);
                refused++;
            }
        }

        Assert.True(refused > Cases / 2, $"only {refused} of {Cases} refused");
    }

    [Fact]
    public void RoutedMessagesTryOpen_MutatedMessages_AreAllRefusedWithAReason()
    {
        var random = new Random(41);
        var rng = new DeterministicRandom(42);
        var session = SessionId.Random(rng);
        var payload = new byte[64];
        var originals = new[]
        {
            RoutedMessages.Seal(new ProtocolMessage(session, 2, new PartyId(1), null, payload, ReadOnlyMemory<byte>.Empty), _nodes.Identity(1), null, rng),
            RoutedMessages.Seal(new ProtocolMessage(session, 3, new PartyId(1), new PartyId(2), payload, ReadOnlyMemory<byte>.Empty),
                _nodes.Identity(1), _nodes.Static(2).PublicKey, rng),
        };

        for (var i = 0; i < Cases; i++)
        {
            var original = originals[i % 2];
            var mutated = MutateRouted(random, original);
            if (mutated.Equals(original))
            {
                continue;
            }

            Assert.False(RoutedMessages.TryOpen(mutated, _nodes.Lookup, _nodes.Static(2), 2, out var message, out var error));
            Assert.Null(message);
            Assert.NotEmpty(error);
        }
    }

    [Fact]
    public void SessionRequestsTryVerify_RandomAndMutatedSignedRequests_AreAllRefusedWithAReason()
    {
        var random = new Random(43);
        using var coordinator = Arcanum.Crypto.Signatures.Ed25519PrivateKey.Generate(new DeterministicRandom(44));
        var signed = SessionRequests.Sign(SessionRequestsTests.ValidRequest(), coordinator);
        var encoded = signed.ToByteArray();
        for (var i = 0; i < Cases; i++)
        {
            var bytes = i % 4 == 0 ? RandomBytes(random, random.Next(0, 200)) : Mutate(random, encoded);
            if (bytes.AsSpan().SequenceEqual(encoded) || !CanParse(bytes, out var candidate) || candidate.Equals(signed))
            {
                continue;
            }

            Assert.False(SessionRequests.TryVerify(candidate, coordinator.PublicKey, out var request, out var error));
            Assert.Null(request);
            Assert.NotEmpty(error);
        }
    }

    [Fact]
    public async Task NoiseChannel_MutatedChunksFromAnAuthenticatedPeer_CloseCleanlyOrDeliverValidFrames()
    {
        var random = new Random(45);
        using var keys = new LinkKeys();
        var seeds = SampleFrames().Select(frame => (byte[])[0, .. frame.ToByteArray()]).ToArray();
        for (var i = 0; i < 40; i++)
        {
            var (raw, coordinator) = await RawInitiator.OpenAsync(keys, new ChannelOptions { MaxFrameBytes = 4096 });
            using (raw)
            await using (coordinator)
            {
                var chunk = Mutate(random, seeds[random.Next(seeds.Length)]);
                await raw.SendChunkAsync(chunk);
                await raw.SendChunkAsync([0xff]);
                var answering = raw.AnswerCloseAsync();

                while (await coordinator.ReceiveAsync(LinkKeys.Timeout) is { } frame)
                {
                    Assert.Equal(chunk.AsSpan(1).ToArray(), frame.ToByteArray());
                }

                Assert.NotEmpty(coordinator.CloseReason!);
                await answering;
            }
        }
    }

    public void Dispose() => _nodes.Dispose();

    private static IEnumerable<ClusterFrame> SampleFrames()
    {
        var session = ByteString.CopyFrom(new byte[16]);
        yield return new ClusterFrame { Heartbeat = new Heartbeat { Sequence = 12345 } };
        yield return new ClusterFrame { Hello = new NodeHello { NodeId = 3, Version = "1.0", Shares = { new HeldShare { KeyId = "k1", Epoch = 2 } } } };
        yield return new ClusterFrame { Routed = new RoutedMessage { SessionId = session, Round = 2, From = 1, To = 3, Body = ByteString.CopyFrom(new byte[40]), Signature = ByteString.CopyFrom(new byte[64]) } };
        yield return new ClusterFrame { Report = new SessionReport { SessionId = session, From = 2, Aborted = new SessionAborted { Reason = "timeout", Culprits = { 3 } } } };
        yield return new ClusterFrame { Cancel = new SessionCancel { SessionId = session, Reason = "stop" } };
        yield return new ClusterFrame { SessionRequest = new SignedSessionRequest { Request = SessionRequestsTests.ValidRequest().ToByteString(), Signature = ByteString.CopyFrom(new byte[64]) } };
    }

    private static bool CanParse(byte[] bytes, out SignedSessionRequest request)
    {
        try
        {
            request = SignedSessionRequest.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            request = new SignedSessionRequest();
            return false;
        }
    }

    private static RoutedMessage MutateRouted(Random random, RoutedMessage original)
    {
        var mutated = original.Clone();
        switch (random.Next(7))
        {
            case 0: mutated.SessionId = ByteString.CopyFrom(Mutate(random, mutated.SessionId.ToByteArray())); break;
            case 1: mutated.Round = (uint)random.Next(0, 20); break;
            case 2: mutated.From = (uint)random.Next(0, 5); break;
            case 3: mutated.To = (uint)random.Next(0, 5); break;
            case 4: mutated.Body = ByteString.CopyFrom(Mutate(random, mutated.Body.ToByteArray())); break;
            case 5: mutated.Signature = ByteString.CopyFrom(Mutate(random, mutated.Signature.ToByteArray())); break;
            default: mutated.Body = ByteString.CopyFrom(RandomBytes(random, random.Next(0, 400))); break;
        }

        return mutated;
    }

    /// <summary>One to four random edits: flip a bit, overwrite, insert, delete or truncate.</summary>
    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1 when bytes.Count > 0: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3 when bytes.Count > 0: bytes.RemoveAt(at); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
