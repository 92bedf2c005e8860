namespace Arcanum.Coordinator.Auth;

/// <summary>
/// The roles a token can have (one each). <see cref="Admin"/> may use every route; the others only the
/// routes that declare them (<see cref="RouteRoles"/>): operators manage keys and nodes, signers ask for
/// signatures, approvers decide on requests that need approval, auditors read the audit log.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Signer = "signer";
    public const string Approver = "approver";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Signer, Approver, Auditor];

    public static bool IsRole(string value) => All.Contains(value, StringComparer.Ordinal);
}
