using Arcanum.Ledger.Transactions;

namespace Arcanum.Node.Ledger;

/// <summary>Renders a decoder's <see cref="FieldError"/> for a refusal or a log line.</summary>
internal static class FieldErrors
{
    /// <summary><c>field: message</c>, or the message alone when the input as a whole is at fault.</summary>
    public static string Describe(FieldError error) => error.Field.Length == 0 ? error.Message : $"{error.Field}: {error.Message}";
}
