using System.Collections.Concurrent;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;
using Arcanum.Node.Vault;
using Arcanum.TestKit;

namespace Arcanum.Node.Tests.Vault;

public sealed class ConsumptionLedgerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string LedgerPath => _directory.File("ledger");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TryConsume_Twice_TrueThenFalse()
    {
        using var ledger = new ConsumptionLedger(LedgerPath);
        var id = Nonce(1);
        Assert.True(ledger.TryConsume(id));
        Assert.False(ledger.TryConsume(id));
        Assert.True(ledger.TryConsume(Nonce(2)));
    }

    [Fact]
    public void Reopen_RemembersNoncesAndSessions()
    {
        var session = SessionId.Random(new DeterministicRandom(5));
        using (var ledger = new ConsumptionLedger(LedgerPath))
        {
            Assert.True(ledger.TryConsume(Nonce(1)));
            Assert.True(ledger.TryBeginSession(session));
        }

        Assert.Equal(2 * ConsumptionLedger.RecordLength, new FileInfo(LedgerPath).Length);
        using var reopened = new ConsumptionLedger(LedgerPath);
        Assert.False(reopened.TryConsume(Nonce(1)));
        Assert.False(reopened.TryBeginSession(session));
        Assert.True(reopened.TryConsume(Nonce(2)));
    }

    [Fact]
    public void TryBeginSession_Replay_IsFalse_AndDoesNotCollideWithNonces()
    {
        using var ledger = new ConsumptionLedger(LedgerPath);
        var session = SessionId.FromBytes(new byte[16]);
        Assert.True(ledger.TryBeginSession(session));
        Assert.False(ledger.TryBeginSession(session));
        Assert.True(ledger.TryConsume(new NonceId(0, 0)));
    }

    [Fact]
    public void TornTrailingRecord_IsIgnored_AndLaterRecordsStayAligned()
    {
        using (var ledger = new ConsumptionLedger(LedgerPath))
        {
            Assert.True(ledger.TryConsume(Nonce(1)));
        }

        using (var file = new FileStream(LedgerPath, FileMode.Append))
        {
            file.Write(Nonce(2).ToArray().AsSpan(0, 10)); // a crash in the middle of an append
        }

        using (var ledger = new ConsumptionLedger(LedgerPath))
        {
            Assert.False(ledger.TryConsume(Nonce(1)));
            Assert.True(ledger.TryConsume(Nonce(2)));
        }

        Assert.Equal(2 * ConsumptionLedger.RecordLength, new FileInfo(LedgerPath).Length);
        using var reopened = new ConsumptionLedger(LedgerPath);
        Assert.False(reopened.TryConsume(Nonce(2)));
    }

    [Fact]
    public void UnknownRecordKind_IsCorruption()
    {
        File.WriteAllBytes(LedgerPath, new byte[ConsumptionLedger.RecordLength]);
        var error = Assert.Throws<InvalidDataException>(() => new ConsumptionLedger(LedgerPath));
        Assert.Contains("unknown kind 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentTryConsume_EachIdWinsExactlyOnce()
    {
        using var ledger = new ConsumptionLedger(LedgerPath);
        var winners = new ConcurrentBag<int>();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 64 }, i =>
        {
            if (ledger.TryConsume(Nonce(i % 500)))
            {
                winners.Add(i % 500);
            }
        });

        Assert.Equal(500, winners.Count);
        Assert.Equal(Enumerable.Range(0, 500), winners.Order());
        Assert.Equal(500L * ConsumptionLedger.RecordLength, new FileInfo(LedgerPath).Length);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var ledger = new ConsumptionLedger(LedgerPath);
        ledger.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ledger.TryConsume(Nonce(1)));
    }

    private static NonceId Nonce(int i) => new((UInt128)i, (UInt128)(i * 7));
}
