namespace Arcanum.Ledger.Modules.Common;

/// <summary>
/// How a resource's data is to be treated off the ledger (the seed design's privacy levels). The ledger
/// records the level; access checks are the same for every level (owner or an active grant).
/// Encoded as one byte: the enum value.
/// </summary>
public enum PrivacyLevel : byte
{
    /// <summary>Readable by anyone.</summary>
    Public = 0,

    /// <summary>Readable by holders of a grant.</summary>
    Protected = 1,

    /// <summary>Readable only inside confidential compute, for holders of a grant.</summary>
    Confidential = 2,

    /// <summary>Confidential, and the holders' identities are not disclosed.</summary>
    Anonymous = 3,
}
