namespace Arcanum.Mpc.Protocol;

/// <summary>
/// Who is running a protocol instance: the session, this party, and every participant (this party
/// included), in ascending order. Shared by all rounds of one run.
/// </summary>
public sealed class ProtocolContext
{
    /// <summary>The most participants any protocol accepts; bounds every per-party loop and decoded list.</summary>
    public const int MaxParties = 255;

    public ProtocolContext(SessionId session, PartyId self, IEnumerable<PartyId> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var sorted = parties.Order().ToArray();
        if (sorted.Length is < 2 or > MaxParties)
        {
            throw new ArgumentException($"A protocol runs between 2 and {MaxParties} parties.", nameof(parties));
        }

        if (sorted.Distinct().Count() != sorted.Length)
        {
            throw new ArgumentException("Party identifiers must be distinct.", nameof(parties));
        }

        if (Array.BinarySearch(sorted, self) < 0)
        {
            throw new ArgumentException($"{self} is not one of the parties.", nameof(self));
        }

        Session = session;
        Self = self;
        Parties = sorted;
        Others = [.. sorted.Where(p => p != self)];
    }

    public SessionId Session { get; }

    public PartyId Self { get; }

    /// <summary>All participants, ascending.</summary>
    public IReadOnlyList<PartyId> Parties { get; }

    /// <summary>All participants except <see cref="Self"/>, ascending.</summary>
    public IReadOnlyList<PartyId> Others { get; }

    public bool Contains(PartyId party) => Array.BinarySearch((PartyId[])Parties, party) >= 0;

    /// <summary>The position of <paramref name="party"/> in <see cref="Parties"/>, or −1.</summary>
    public int IndexOf(PartyId party) => Math.Max(-1, Array.BinarySearch((PartyId[])Parties, party));
}
