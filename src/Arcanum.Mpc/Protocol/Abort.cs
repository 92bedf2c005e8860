namespace Arcanum.Mpc.Protocol;

/// <summary>
/// Why a protocol run stopped without output, and which parties caused it. An empty culprit list
/// means the fault could not be attributed (for example, the local party's own state is unusable).
/// </summary>
public sealed record Abort(string Reason, IReadOnlyList<PartyId> Culprits)
{
    public static Abort Blame(PartyId culprit, string reason) => new(reason, [culprit]);

    public override string ToString() =>
        Culprits.Count == 0 ? Reason : $"{Reason} (culprits: {string.Join(", ", Culprits.Select(c => c.Value))})";
}
