namespace Arcanum.Mpc.Protocol;

/// <summary>
/// Why a protocol run stopped without output, and which parties caused it. An empty culprit list
/// means the fault could not be attributed (for example, the local party's own state is unusable).
/// </summary>
public sealed record Abort(string Reason, IReadOnlyList<PartyId> Culprits)
{
    /// <summary>
    /// Culprits whose fault may have leaked state this party reuses across runs (DKLs23's
    /// BanCounterparty: a failed OT-extension or multiplication check). The caller must exclude
    /// them from every later run with this key. A subset of <see cref="Culprits"/>.
    /// </summary>
    public IReadOnlyList<PartyId> BanCounterparty { get; init; } = [];

    public static Abort Blame(PartyId culprit, string reason) => new(reason, [culprit]);

    /// <summary>An abort that names <paramref name="culprit"/> and requires banning it for the key.</summary>
    public static Abort Ban(PartyId culprit, string reason) => new(reason, [culprit]) { BanCounterparty = [culprit] };

    public override string ToString() =>
        Culprits.Count == 0 ? Reason : $"{Reason} (culprits: {string.Join(", ", Culprits.Select(c => c.Value))})";
}
