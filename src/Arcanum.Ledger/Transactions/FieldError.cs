namespace Arcanum.Ledger.Transactions;

/// <summary>Why a decoder refused its input: the field at fault (its wire name) and what was wrong with it.</summary>
/// <param name="Field">The wire name of the field, e.g. <c>nonce</c>; empty when the input as a whole is at fault.</param>
/// <param name="Message">One sentence saying what was expected.</param>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
