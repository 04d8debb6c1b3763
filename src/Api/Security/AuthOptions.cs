using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>
/// Who may write: the SHA-256 hashes (lowercase hex) of the accepted API keys, never the keys
/// themselves (<c>Auth__ApiKeys__0</c>, …; <c>scripts/hash-api-key.sh</c> makes one). With none,
/// every write is refused.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    public List<string> ApiKeys { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            if (!ApiKeyHash.IsWellFormed(ApiKeys[i]))
            {
                yield return new ValidationResult(
                    $"Auth:ApiKeys:{i} must be the SHA-256 hash of a key as 64 lowercase hex digits (scripts/hash-api-key.sh makes one).",
                    [nameof(ApiKeys)]);
            }
        }
    }
}
