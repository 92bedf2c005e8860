using Arcanum.Mpc.Protocol;

namespace Arcanum.TestKit.Mpc;

/// <summary>
/// Runs N parties of one protocol in memory (ARCHITECTURE §6, CONVENTIONS 13): every party's
/// <see cref="PartyRunner{TOutput}"/> gets the messages addressed to it, through the fault rules,
/// in FIFO order or — with a reorder seed — in a reproducible shuffled order. Any exception a
/// party throws propagates to the test, which is itself a failure: protocols must abort, not throw.
/// </summary>
public sealed class InMemoryNetwork<TOutput>
{
    private readonly SortedDictionary<PartyId, PartyRunner<TOutput>> _parties = [];
    private readonly List<IFaultRule> _rules = [];

    public InMemoryNetwork(IEnumerable<PartyRunner<TOutput>> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        foreach (var party in parties)
        {
            _parties.Add(party.Context.Self, party);
        }
    }

    public IReadOnlyDictionary<PartyId, PartyRunner<TOutput>> Parties => _parties;

    /// <summary>Every delivery that reached a party, in order.</summary>
    public List<Delivery> Delivered { get; } = [];

    public InMemoryNetwork<TOutput> With(IFaultRule rule)
    {
        _rules.Add(rule);
        return this;
    }

    /// <summary>Delivers messages until none are left; returns the parties' runners for inspection.</summary>
    public IReadOnlyDictionary<PartyId, PartyRunner<TOutput>> Run(int? reorderSeed = null)
    {
        var random = reorderSeed is { } seed ? new Random(seed) : null;
        var queue = new List<Delivery>();
        foreach (var party in _parties.Values)
        {
            Enqueue(queue, party.InitialMessages);
        }

        while (queue.Count > 0)
        {
            var index = random?.Next(queue.Count) ?? 0;
            var delivery = queue[index];
            queue.RemoveAt(index);
            if (!_parties.TryGetValue(delivery.Recipient, out var recipient))
            {
                continue;
            }

            Delivered.Add(delivery);
            Enqueue(queue, recipient.Receive(delivery.Message));
        }

        return _parties;
    }

    private void Enqueue(List<Delivery> queue, IEnumerable<ProtocolMessage> messages)
    {
        foreach (var message in messages)
        {
            var recipients = message.To is { } to ? [to] : _parties.Keys.Where(p => p != message.From);
            foreach (var recipient in recipients)
            {
                IEnumerable<Delivery> deliveries = [new Delivery(recipient, message)];
                foreach (var rule in _rules)
                {
                    deliveries = deliveries.SelectMany(rule.Apply).ToList();
                }

                queue.AddRange(deliveries);
            }
        }
    }
}
