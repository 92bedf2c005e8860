using System.Collections.Concurrent;
using System.Security.Cryptography;
using Arcanum.Ledger.State;

namespace Arcanum.Storage.Tests.Ledger;

/// <summary>The sparse Merkle tree over the persistent store: durability across reopening, proofs, concurrent queries.</summary>
public abstract partial class LedgerStoreConformanceTests
{
    private const int KeySpace = 2_500;

    [Fact]
    public async Task SparseMerkleTree_ThousandsOfWritesThenReopen_SameRootsReadSameValuesAndProofsVerify()
    {
        var tree = new SparseMerkleTree(Store);
        var reference = new SparseMerkleTree(new InMemoryTreeNodeStore());
        var model = new Dictionary<int, byte[]>();
        var checkpoints = new List<(byte[] Root, Dictionary<int, byte[]> Values)>();
        const int Batches = 40;
        const int WritesPerBatch = 100;
        for (var batch = 0; batch < Batches; batch++)
        {
            var writes = Writes(batch, WritesPerBatch, deleteEvery: batch < 20 ? 0 : 7);
            var root = tree.Apply(writes.Select(write => (Key(write.Key), write.Value)));
            Assert.Equal(reference.Apply(writes.Select(write => (Key(write.Key), write.Value))), root);
            foreach (var (key, value) in writes)
            {
                if (value is null)
                {
                    model.Remove(key);
                }
                else
                {
                    model[key] = value;
                }
            }

            if (batch is 9 or 24 or Batches - 1)
            {
                checkpoints.Add((root, new Dictionary<int, byte[]>(model)));
                if (batch == Batches - 1)
                {
                    Assert.True(await Store.SetHeadAsync(checkpoints.Count - 1, root));
                }
            }
        }

        Assert.InRange(model.Count, 1_000, KeySpace - 1);
        await Store.DisposeAsync();

        var reopened = await OpenAsync(_database);
        var head = await reopened.GetHeadAsync();
        Assert.Equal(checkpoints.Count - 1, head!.Height);
        Assert.Equal(checkpoints[^1].Root, head.Root);
        var checkedKeys = 0;
        foreach (var (root, values) in checkpoints)
        {
            var view = new SparseMerkleTree(reopened, root);
            var sample = ReferenceEquals(values, checkpoints[^1].Values) ? 1 : 10;
            for (var key = 0; key < KeySpace; key += sample)
            {
                var expected = values.GetValueOrDefault(key);
                Assert.Equal(expected, view.Get(Key(key)));
                if (key % (5 * sample) == 0)
                {
                    Assert.True(StateProof.TryDecode(view.Prove(Key(key)).Encode(), out var proof, out var error), error);
                    Assert.True(StateProofVerifier.Verify(root, Key(key), expected, proof!), $"key {key}");
                    Assert.False(StateProofVerifier.Verify(root, Key(key), [.. expected ?? [], 0x00], proof!), $"key {key}, wrong value");
                }

                checkedKeys++;
            }
        }

        Assert.Equal(KeySpace + (2 * KeySpace / 10), checkedKeys);
    }

    [Fact]
    public async Task SparseMerkleTree_QueriesWhileBatchesAreWritten_ReadCommittedRootsConsistently()
    {
        var writer = new SparseMerkleTree(Store);
        var baseline = Writes(0, 500, deleteEvery: 0).Where(write => write.Value is not null).DistinctBy(write => write.Key).ToList();
        var baseRoot = writer.Apply(baseline.Select(write => (Key(write.Key), write.Value)));
        var baseValues = baseline.ToDictionary(write => write.Key, write => write.Value!);
        var published = new ConcurrentQueue<(byte[] Root, int Key, byte[]? Value)>();
        var writing = true;
        var readsDuringWrites = 0;
        using var readersStarted = new CountdownEvent(3);

        var reads = Enumerable.Range(0, 3).Select(reader => Task.Run(() =>
        {
            var random = new Random(reader);
            var count = 0;
            while (Volatile.Read(ref writing))
            {
                var key = baseline[random.Next(baseline.Count)].Key;
                var old = new SparseMerkleTree(Store, baseRoot);
                Assert.Equal(baseValues[key], old.Get(Key(key)));
                Assert.True(StateProofVerifier.Verify(baseRoot, Key(key), baseValues[key], old.Prove(Key(key))));
                if (published.TryPeek(out var latest))
                {
                    var current = new SparseMerkleTree(Store, latest.Root);
                    Assert.Equal(latest.Value, current.Get(Key(latest.Key)));
                    Assert.True(StateProofVerifier.Verify(latest.Root, Key(latest.Key), latest.Value, current.Prove(Key(latest.Key))));
                }

                if (count++ == 0)
                {
                    readersStarted.Signal();
                }
            }

            Interlocked.Add(ref readsDuringWrites, count);
        })).ToList();

        // The writes start once every reader is reading, so the reads overlap them on any machine.
        Assert.True(readersStarted.Wait(TimeSpan.FromSeconds(30)), "the readers did not start");
        await Task.Run(() =>
        {
            for (var batch = 1; batch <= 15; batch++)
            {
                var writes = Writes(batch, 200, deleteEvery: 5);
                var root = writer.Apply(writes.Select(write => (Key(write.Key), write.Value)));
                var (lastKey, lastValue) = writes[^1];
                published.Clear();
                published.Enqueue((root, lastKey, lastValue));
            }
        });
        Volatile.Write(ref writing, false);
        await Task.WhenAll(reads);

        Assert.True(readsDuringWrites > 0, "the readers must have run while batches were written");
        Assert.Equal(baseValues[baseline[0].Key], new SparseMerkleTree(Store, baseRoot).Get(Key(baseline[0].Key)));
    }

    /// <summary>
    /// <paramref name="count"/> writes of batch <paramref name="batch"/> to keys drawn from <see cref="KeySpace"/>: the
    /// value names the batch and position; every <paramref name="deleteEvery"/>-th write (if not 0) deletes instead.
    /// </summary>
    private static List<(int Key, byte[]? Value)> Writes(int batch, int count, int deleteEvery) =>
        Enumerable.Range(0, count)
            .Select(index =>
            {
                var digest = SHA256.HashData(BitConverter.GetBytes((batch * 1_000_003) + index));
                var key = (int)(BitConverter.ToUInt32(digest) % KeySpace);
                return (key, deleteEvery > 0 && index % deleteEvery == 0 ? null : (byte[]?)digest[..(1 + (digest[31] % 32))]);
            })
            .ToList();

    private static byte[] Key(int key) => System.Text.Encoding.UTF8.GetBytes($"account/{key}");
}
