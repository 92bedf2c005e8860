using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Arcanum.Client.Contracts;
using Arcanum.Client.Ledger;
using Arcanum.Ledger.Accounts;
using Arcanum.Ledger.Modules.Common;
using Arcanum.Ledger.Queries;
using Arcanum.Ledger.Transactions;

namespace Arcanum.Client;

// The ledger routes (/v1/ledger, docs/ledger.md "API"; bodies in LedgerJsonContext). Query methods take
// verifyWith: when given, they ask for ?proof=true and return only an answer LedgerProofVerifier accepted.
public sealed partial class ArcanumClient
{
    /// <summary>POST /v1/ledger/transactions: pools a signed transaction (202, "pending"), or reports one already processed.</summary>
    public async Task<LedgerSubmitResponse> SubmitTransactionAsync(Transaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var content = new ByteArrayContent(TransactionJson.Write(transaction));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/ledger/transactions") { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(request, response, LedgerJsonContext.Default.LedgerSubmitResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /v1/ledger/transactions/{hash}: pending, included (height, events) or rejected (reason, detail).</summary>
    public Task<LedgerTransactionStatus> GetTransactionAsync(string hash, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/ledger/transactions/" + EscapeId(hash, nameof(hash)), null, LedgerJsonContext.Default.LedgerTransactionStatus, cancellationToken);

    /// <summary>GET /v1/ledger/blocks/{height}: a finalized block (height 0: genesis, unsigned).</summary>
    public Task<LedgerBlockInfo> GetBlockAsync(ulong height, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/ledger/blocks/" + height.ToString(CultureInfo.InvariantCulture), null, LedgerJsonContext.Default.LedgerBlockInfo, cancellationToken);

    /// <summary>GET /v1/ledger/blocks/latest: the latest finalized block.</summary>
    public Task<LedgerBlockInfo> GetLatestBlockAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/ledger/blocks/latest", null, LedgerJsonContext.Default.LedgerBlockInfo, cancellationToken);

    /// <summary>GET /v1/ledger/status: chain id, committee key (as the coordinator reports it), head and sequencer settings.</summary>
    public Task<LedgerStatusInfo> GetLedgerStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/ledger/status", null, LedgerJsonContext.Default.LedgerStatusInfo, cancellationToken);

    /// <summary>GET /v1/ledger/genesis: the genesis document and the committee key the coordinator reports.</summary>
    /// <exception cref="InvalidDataException">The body is not a genesis document with a committee key.</exception>
    public async Task<LedgerGenesis> GetGenesisAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/ledger/genesis");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return LedgerGenesis.TryParse(body, out var genesis, out var error)
            ? genesis
            : throw new InvalidDataException($"The response to GET /v1/ledger/genesis is not a genesis document: {error}.");
    }

    /// <summary>GET /v1/ledger/accounts/{account}: balance and next nonce.</summary>
    public Task<LedgerAnswer<AccountView>> GetAccountAsync(AccountId account, LedgerTrustAnchor? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return QueryAsync("v1/ledger/accounts/" + account.ToBech32(), LedgerJsonContext.Default.LedgerAnswerAccountView, LedgerJsonContext.Default.AccountView,
            verifyWith, view => LedgerQueries.Account(view, account), cancellationToken);
    }

    /// <summary>GET /v1/ledger/keystore/{account}: current keys and rotation history.</summary>
    public Task<LedgerAnswer<KeystoreView>> GetKeystoreAsync(AccountId account, LedgerTrustAnchor? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return QueryAsync("v1/ledger/keystore/" + account.ToBech32(), LedgerJsonContext.Default.LedgerAnswerKeystoreView, LedgerJsonContext.Default.KeystoreView,
            verifyWith, view => LedgerQueries.Keystore(view, account), cancellationToken);
    }

    /// <summary>GET /v1/ledger/access/resources/{resourceId}: the resource and its grantees.</summary>
    public Task<LedgerAnswer<ResourceView>> GetResourceAsync(ResourceId resource, LedgerTrustAnchor? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return QueryAsync(ResourcePath(resource), LedgerJsonContext.Default.LedgerAnswerResourceView, LedgerJsonContext.Default.ResourceView,
            verifyWith, view => LedgerQueries.Resource(view, resource), cancellationToken);
    }

    /// <summary>
    /// GET /v1/ledger/access/resources/{resourceId}/check/{account}: whether the account may use the resource at the
    /// answer's block time (the proven header's time when verified).
    /// </summary>
    public Task<LedgerAnswer<AccessCheckView>> CheckAccessAsync(ResourceId resource, AccountId account, LedgerTrustAnchor? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(account);
        return QueryAsync(ResourcePath(resource) + "/check/" + account.ToBech32(), LedgerJsonContext.Default.LedgerAnswerAccessCheckView,
            LedgerJsonContext.Default.AccessCheckView, verifyWith,
            view => LedgerQueries.CheckAccess(view, resource, account, view.Header.Header.TimeUnixMilliseconds), cancellationToken);
    }

    /// <summary>GET /v1/ledger/messages/{account}?after=&amp;limit=: envelopes to the account after a sequence number, oldest first.</summary>
    public Task<LedgerAnswer<MessagesView>> GetInboxAsync(AccountId account, ulong after = 0, int limit = LedgerQueries.MaxMessages,
        LedgerTrustAnchor? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync("v1/ledger/messages/" + account.ToBech32() + Page(after, limit), LedgerJsonContext.Default.LedgerAnswerMessagesView,
            LedgerJsonContext.Default.MessagesView, verifyWith, view => LedgerQueries.Inbox(view, account, after, limit), cancellationToken);
    }

    /// <summary>GET /v1/ledger/messages/groups/{resourceId}?after=&amp;limit=: envelopes to a group after a sequence number, oldest first.</summary>
    public Task<LedgerAnswer<MessagesView>> GetGroupMessagesAsync(ResourceId group, ulong after = 0, int limit = LedgerQueries.MaxMessages,
        LedgerTrustAnchor? verifyWith = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync("v1/ledger/messages/groups/" + Uri.EscapeDataString(group.Value) + Page(after, limit), LedgerJsonContext.Default.LedgerAnswerMessagesView,
            LedgerJsonContext.Default.MessagesView, verifyWith, view => LedgerQueries.Group(view, group, after, limit), cancellationToken);
    }

    private static string ResourcePath(ResourceId resource) => "v1/ledger/access/resources/" + Uri.EscapeDataString(resource.Value);

    private static string Page(ulong after, int limit) => string.Create(CultureInfo.InvariantCulture, $"?after={after}&limit={limit}");

    private async Task<LedgerAnswer<T>> QueryAsync<T>(string path, JsonTypeInfo<LedgerAnswer<T>> answerType, JsonTypeInfo<T> valueType,
        LedgerTrustAnchor? verifyWith, Func<ProvenStateView, T> query, CancellationToken cancellationToken)
    {
        if (verifyWith is null)
        {
            return await SendAsync(HttpMethod.Get, path, null, answerType, cancellationToken).ConfigureAwait(false);
        }

        var answer = await SendAsync(HttpMethod.Get, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "proof=true", null, answerType, cancellationToken)
            .ConfigureAwait(false);
        var verified = LedgerProofVerifier.Verify(answer, verifyWith, query, valueType);
        return answer with { Value = verified };
    }
}
