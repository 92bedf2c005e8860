using System.Net.WebSockets;
using Arcanum.TestKit;
using Arcanum.Transport.Wire;
using Google.Protobuf;

namespace Arcanum.Transport.Tests;

/// <summary>
/// A peer that completed the handshake and then sends something wrong: the receiving channel closes with
/// a reason, ReceiveAsync returns what arrived before and then null, and nothing throws.
/// </summary>
public sealed class NoiseChannelFaultTests : IDisposable
{
    private const int MaxChunkData = 65_535 - 16 - 1;

    private readonly LinkKeys _keys = new();

    public static TheoryData<string, string> Faults => new()
    {
        { "tampered-ciphertext", "refused (DecryptionFailed)" },
        { "garbage", "refused (DecryptionFailed)" },
        { "replayed-message", "refused (DecryptionFailed)" },
        { "text-message", "text WebSocket message" },
        { "oversized-websocket-message", "longer than a Noise message" },
        { "empty-chunk", "no chunk header" },
        { "undefined-chunk-flag", "undefined flags" },
        { "short-non-final-chunk", "non-final chunk carried 10 bytes" },
        { "frame-over-the-limit", "grew beyond the limit of 100000" },
        { "malformed-frame", "not a canonical ClusterFrame" },
        { "non-canonical-frame", "not a canonical ClusterFrame" },
        { "frame-without-body", "frame carries no body" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ReceiveAsync_PeerSendsFault_ClosesWithReasonAfterDeliveringEarlierFrames(string fault, string expectedReason)
    {
        var options = new ChannelOptions { MaxFrameBytes = 100_000 };
        var (raw, coordinator) = await RawInitiator.OpenAsync(_keys, options);
        using (raw)
        await using (coordinator)
        {
            var good = new ClusterFrame { Hello = new NodeHello { NodeId = 1, Version = "before the fault" } };
            var goodMessage = raw.Encrypt([0, .. good.ToByteArray()]);
            await raw.SendRawAsync(goodMessage);
            await SendFaultAsync(raw, fault, goodMessage);
            var answering = raw.AnswerCloseAsync();

            Assert.Equal(good, await coordinator.ReceiveAsync(LinkKeys.Timeout));
            Assert.Null(await coordinator.ReceiveAsync(LinkKeys.Timeout));
            Assert.Contains(expectedReason, coordinator.CloseReason, StringComparison.Ordinal);
            await coordinator.Completion.WaitAsync(LinkKeys.Timeout);
            await answering;
        }
    }

    public void Dispose() => _keys.Dispose();

    private static async Task SendFaultAsync(RawInitiator raw, string fault, byte[] previousMessage)
    {
        switch (fault)
        {
            case "tampered-ciphertext":
                var tampered = raw.Encrypt([0, .. new ClusterFrame { Hello = new NodeHello { NodeId = 2 } }.ToByteArray()]);
                tampered[3] ^= 0x40;
                await raw.SendRawAsync(tampered);
                break;
            case "garbage":
                var garbage = new byte[100];
                new DeterministicRandom(7).GetBytes(garbage);
                await raw.SendRawAsync(garbage);
                break;
            case "replayed-message":
                await raw.SendRawAsync(previousMessage);
                break;
            case "text-message":
                await raw.SendRawAsync("{\"hello\":1}"u8.ToArray(), WebSocketMessageType.Text);
                break;
            case "oversized-websocket-message":
                await raw.SendRawAsync(new byte[70_000]);
                break;
            case "empty-chunk":
                await raw.SendChunkAsync([]);
                break;
            case "undefined-chunk-flag":
                await raw.SendChunkAsync([0x02, 0x12, 0x00]);
                break;
            case "short-non-final-chunk":
                await raw.SendChunkAsync([0x01, .. new byte[10]]);
                break;
            case "frame-over-the-limit":
                // Two full chunks (131,036 bytes) exceed a 100,000-byte limit before the frame ends.
                await raw.SendChunkAsync([0x01, .. new byte[MaxChunkData]]);
                await raw.SendChunkAsync([0x01, .. new byte[MaxChunkData]]);
                break;
            case "malformed-frame":
                await raw.SendChunkAsync([0x00, 0x12, 0x05, 0x08]);
                break;
            case "non-canonical-frame":
                // NodeHello { node_id = 1 } with the varint 1 written in two bytes.
                await raw.SendChunkAsync([0x00, 0x12, 0x03, 0x08, 0x81, 0x00]);
                break;
            case "frame-without-body":
                await raw.SendChunkAsync([0x00]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault");
        }
    }
}
