using System.Buffers.Binary;
using Arcanum.Mpc.Frost;
using Arcanum.Mpc.Protocol;

namespace Arcanum.Node.Vault;

/// <summary>
/// The node's durable record of what may happen only once (ARCHITECTURE §4): consumed signing nonces
/// and ECDSA presignatures (<see cref="INonceLedger"/>), and session ids it has taken part in (a
/// replayed session request is refused). An append-only file of fixed-size records — kind byte ‖
/// 32-byte id — loaded into memory on open; a torn last record (a crash mid-append) is dropped.
/// <para>
/// A call returns true only when it recorded the id and the record is on disk. Concurrent callers
/// share fsyncs (group commit): one writer thread drains the queue, appends every pending record,
/// fsyncs once, then releases all of their waiters. Thread-safe.
/// </para>
/// </summary>
public sealed class ConsumptionLedger : INonceLedger, IDisposable
{
    /// <summary>One record: kind ‖ 32-byte id.</summary>
    public const int RecordLength = 1 + IdLength;

    private const int IdLength = NonceId.Length;

    private readonly FileStream _file;
    private readonly HashSet<Entry> _seen = [];
    private readonly Queue<Pending> _queue = new();
    private readonly object _gate = new(); // a Monitor: the writer waits on it for records
    private readonly Thread _writer;
    private bool _stopping;
    private Exception? _failure;

    /// <summary>Opens (or creates) the ledger at <paramref name="path"/> and loads every complete record.</summary>
    public ConsumptionLedger(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var created = !File.Exists(path);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            Load(path);
            if (created)
            {
                DurableFiles.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }
        }
        catch
        {
            _file.Dispose();
            throw;
        }

        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "consumption-ledger" };
        _writer.Start();
    }

    private enum Kind : byte
    {
        Nonce = 1,
        Session = 2,
    }

    /// <summary>Marks a FROST nonce pair or an ECDSA presignature consumed; true only for the first call, once durable.</summary>
    public bool TryConsume(NonceId id)
    {
        var bytes = id.ToArray();
        return TryRecord(Kind.Nonce, bytes);
    }

    /// <summary>Marks a session id taken part in; true only for the first call, once durable (false: a replayed request).</summary>
    public bool TryBeginSession(SessionId session)
    {
        var bytes = new byte[IdLength];
        session.WriteTo(bytes);
        return TryRecord(Kind.Session, bytes);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _writer.Join();
        _file.Dispose();
    }

    private bool TryRecord(Kind kind, byte[] id)
    {
        var pending = new Pending(kind, id);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_failure is not null)
            {
                throw new IOException("The consumption ledger can no longer write; the node must restart.", _failure);
            }

            if (!_seen.Add(Entry.Of(kind, id)))
            {
                return false;
            }

            _queue.Enqueue(pending);
            Monitor.Pulse(_gate);
        }

        // Waits for the writer's fsync; an IOException there surfaces here (the id stays taken:
        // a nonce whose record may not be durable must never be used again anyway).
        pending.Durable.Task.GetAwaiter().GetResult();
        return true;
    }

    private void WriteLoop()
    {
        var batch = new List<Pending>();
        while (true)
        {
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                batch.AddRange(_queue);
                _queue.Clear();
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<Pending> batch)
    {
        try
        {
            var buffer = new byte[batch.Count * RecordLength];
            for (var i = 0; i < batch.Count; i++)
            {
                buffer[i * RecordLength] = (byte)batch[i].Kind;
                batch[i].Id.CopyTo(buffer, (i * RecordLength) + 1);
            }

            _file.Write(buffer);
            _file.Flush(flushToDisk: true);
            batch.ForEach(p => p.Durable.SetResult());
        }
        catch (IOException e)
        {
            lock (_gate)
            {
                _failure = e;
            }

            batch.ForEach(p => p.Durable.SetException(e));
        }
    }

    private void Load(string path)
    {
        var whole = _file.Length / RecordLength;
        var record = new byte[RecordLength];
        for (long i = 0; i < whole; i++)
        {
            _file.ReadExactly(record);
            if (record[0] is not ((byte)Kind.Nonce or (byte)Kind.Session))
            {
                throw new InvalidDataException($"The consumption ledger {path} has a record of unknown kind {record[0]} at offset {i * RecordLength}.");
            }

            _seen.Add(Entry.Of((Kind)record[0], record.AsSpan(1)));
        }

        if (_file.Length != whole * RecordLength)
        {
            // A torn append: drop the partial record so later records stay aligned.
            _file.SetLength(whole * RecordLength);
            _file.Flush(flushToDisk: true);
        }

        _file.Seek(0, SeekOrigin.End);
    }

    private sealed record Pending(Kind Kind, byte[] Id)
    {
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Entry(Kind Kind, UInt128 High, UInt128 Low)
    {
        public static Entry Of(Kind kind, ReadOnlySpan<byte> id) =>
            new(kind, BinaryPrimitives.ReadUInt128BigEndian(id), BinaryPrimitives.ReadUInt128BigEndian(id[16..]));
    }
}
