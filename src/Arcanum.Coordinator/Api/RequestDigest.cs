using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Arcanum.Coordinator.Api;

/// <summary>
/// SHA-256 (hex) over a request's method, path and body — what the audit log records as the request hash and
/// what an idempotency key is bound to. The body is buffered so the endpoint can still read it; the digest is
/// computed once per request. Bodies are never logged or stored, only this digest.
/// </summary>
internal static class RequestDigest
{
    private static readonly object ItemKey = new();

    public static async Task<string> GetAsync(HttpContext context, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is string digest)
        {
            return digest;
        }

        var request = context.Request;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: maxBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        catch (IOException)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large", $"the body is larger than {maxBytes} bytes", "body");
        }

        request.Body.Position = 0;
        digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        context.Items[ItemKey] = digest;
        return digest;
    }
}
