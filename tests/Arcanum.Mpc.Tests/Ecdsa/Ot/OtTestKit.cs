using Arcanum.Mpc.Ecdsa.Ot;
using Arcanum.TestKit;

namespace Arcanum.Mpc.Tests.Ecdsa.Ot;

/// <summary>Runs the base OT of one ordered pair, as key generation does, and hands out the two setups.</summary>
internal static class OtTestKit
{
    public static byte[] Transcript(string label) => System.Text.Encoding.UTF8.GetBytes(label);

    public static (OtExtensionReceiverSetup Receiver, OtExtensionSenderSetup Sender) Setups(ulong seed, string transcript = "keygen 7 / P1 → P2")
    {
        var bytes = Transcript(transcript);
        using var baseSender = BaseOtSender.Start(bytes, new DeterministicRandom(seed));
        using var baseReceiver = BaseOtReceiver.Start(bytes, new DeterministicRandom(seed + 1));
        Assert.True(baseSender.TryFinish(baseReceiver.Message.Span, out var receiverSetup, out var error), error);
        Assert.True(baseReceiver.TryFinish(baseSender.Message.Span, out var senderSetup, out error), error);
        return (receiverSetup!, senderSetup!);
    }
}
