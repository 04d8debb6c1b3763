using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using LunarVoc.Api.Errors;
using Microsoft.AspNetCore.Authentication;

namespace LunarVoc.Api.Security;

/// <summary>
/// Authenticates writers by the <c>X-Api-Key</c> header: the key's SHA-256 is compared with every
/// configured hash in constant time, so neither the comparison nor the number of keys checked
/// tells an attacker how close a guess was; and a client that sent too many wrong keys is refused
/// before its key is looked at (<see cref="FailedAuthentications"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> authOptions,
    FailedAuthentications failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "api_key_id";

    private static readonly object LockedOutKey = new();

    private readonly byte[][] _accepted = [.. authOptions.Value.ApiKeys.Select(ApiKeyHash.Parse)];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var client = ClientAddress.PartitionOf(Context);
        if (failures.IsLockedOut(client, out var retryAfter))
        {
            Context.Items[LockedOutKey] = retryAfter;
            return Task.FromResult(AuthenticateResult.Fail("Too many wrong API keys from this client."));
        }

        var hash = ApiKeyHash.Of(presented.ToString());
        var match = -1;
        for (var i = 0; i < _accepted.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, _accepted[i]))
            {
                match = i;
            }
        }

        if (match < 0)
        {
            failures.Record(client);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not accepted."));
        }

        var identity = new ClaimsIdentity([new Claim(KeyIdClaim, KeyIdOf(hash))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>A key's identity for limits and logs: a prefix of its hash, never the key.</summary>
    public static string KeyIdOf(string presented) => presented.Length == 0 ? "none" : KeyIdOf(ApiKeyHash.Of(presented));

    private static string KeyIdOf(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 6));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[LockedOutKey] is TimeSpan retryAfter)
        {
            await RateLimiting.WriteTooManyRequestsAsync(Context, retryAfter, "This client sent too many wrong API keys; try again after Retry-After seconds. Nothing was written.");
            return;
        }

        Response.Headers.WWWAuthenticate = SchemeName;
        await Problems.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "A valid API key is required.",
            $"Writes need the {HeaderName} header with a key this service accepts; nothing was written.");
    }
}
