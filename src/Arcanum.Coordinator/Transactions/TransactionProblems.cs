namespace Arcanum.Coordinator.Transactions;

/// <summary>The 400 problems of /v1/keys/{id}/transactions: a key/chain pair that cannot work, and input the adapter refused.</summary>
internal static class TransactionProblems
{
    public static ApiProblemException Invalid(string field, string detail) =>
        new(400, "invalid-transaction", "The transaction cannot be signed", detail, field);

    public static ApiProblemException Unsupported(string chain, string scheme, string needs) =>
        new(400, "unsupported-chain", "This key cannot sign for this chain", $"{chain} transactions need a {needs} key; this key is {scheme}.", "chain");
}
