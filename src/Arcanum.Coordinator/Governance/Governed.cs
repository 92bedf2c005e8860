using Arcanum.Coordinator.Api;
using Arcanum.Coordinator.Auth;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Governance;

/// <summary>
/// The one way a route runs a governed operation: its checked command becomes the canonical payload, the
/// preparer checks it against the key and the chain, and <see cref="GovernedRunner"/> lets policy decide.
/// </summary>
internal sealed class Governed(KeyOperationPreparer preparer, GovernedRunner runner, ApiOptions options)
{
    public async Task<IResult> RunAsync<TCommand>(HttpContext context, string operation, TCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = KeyOperationPreparer.Payload(command);
        var prepared = await preparer.PrepareAsync(operation, payload, cancellationToken);
        var requestHash = await RequestDigest.GetAsync(context, options.MaxAnyBodyBytes);
        return OperationResults.ToHttp(await runner.RunAsync(prepared, CallerIdentity.Of(context.User), requestHash, cancellationToken));
    }
}
