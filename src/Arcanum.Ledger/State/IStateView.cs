namespace Arcanum.Ledger.State;

/// <summary>
/// The ledger state as modules see it: a key-value map of byte strings. Modules are deterministic functions of
/// (state, transaction) → (state', events): they read and write only through this view, never a clock or
/// randomness. Keys are namespaced by module (see the modules); a null value is "absent" (writing null deletes).
/// </summary>
public interface IStateView
{
    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    byte[]? Get(ReadOnlySpan<byte> key);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; null deletes the key.</summary>
    void Set(ReadOnlySpan<byte> key, byte[]? value);
}
