namespace Arcanum.Coordinator.Hosting;

/// <summary>
/// Group commit: concurrent callers' items are written together. The first caller starts the writer, which takes up to
/// <c>maxGroup</c> items queued meanwhile, writes them with one call of <c>writeGroup</c> (one transaction, one fsync),
/// then the next group; each caller returns once its group is durable, with its item's result. When a group's write
/// throws, every caller of that group gets the exception <c>refusal</c> makes of it: none of its items is known to be
/// durable. Once queued, an item is written whatever its caller does (the caller may stop waiting).
/// </summary>
/// <typeparam name="TItem">What callers hand in.</typeparam>
/// <typeparam name="TResult">What each caller gets back; <c>writeGroup</c> returns one per item, in order.</typeparam>
internal sealed class GroupCommit<TItem, TResult>(
    int maxGroup, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> writeGroup, Func<Exception, Exception> refusal)
{
    private readonly Lock _lock = new();
    private readonly List<(TItem Item, TaskCompletionSource<TResult> Done)> _queue = [];
    private bool _writing;

    /// <summary>Queues <paramref name="item"/> and returns its result once its group is durable.</summary>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_lock)
        {
            _queue.Add((item, done));
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TResult> Done)> group;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _queue.GetRange(0, Math.Min(maxGroup, _queue.Count));
                _queue.RemoveRange(0, group.Count);
            }

            try
            {
                var results = await writeGroup(group.Select(g => g.Item).ToList()).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                var refused = refusal(e);
                group.ForEach(g => g.Done.TrySetException(refused));
            }
        }
    }
}
