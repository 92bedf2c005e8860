using Arcanum.Crypto.Curves;
using Arcanum.TestKit;

namespace Arcanum.Transport.Tests;

/// <summary>A coordinator's and a node's static keys, and channels opened between them over loopback.</summary>
internal sealed class LinkKeys : IDisposable
{
    public X25519PrivateKey Coordinator { get; } = X25519PrivateKey.Generate(new DeterministicRandom(1));

    public X25519PrivateKey Node { get; } = X25519PrivateKey.Generate(new DeterministicRandom(2));

    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>Handshakes both ways over a fresh loopback connection; the coordinator admits only <see cref="Node"/>.</summary>
    public async Task<(NoiseChannel Node, NoiseChannel Coordinator)> OpenAsync(ChannelOptions? options = null, int? socketBufferBytes = null)
    {
        options ??= new ChannelOptions();
        var (client, server) = await Loopback.ConnectAsync(socketBufferBytes);
        var accept = NoiseChannel.AcceptAsync(server, Coordinator, key => key.Equals(Node.PublicKey), options, new DeterministicRandom(3), Timeout);
        var connect = NoiseChannel.ConnectAsync(client, Node, Coordinator.PublicKey, options, new DeterministicRandom(4), Timeout);
        return (await connect, await accept);
    }

    public void Dispose()
    {
        Coordinator.Dispose();
        Node.Dispose();
    }
}
