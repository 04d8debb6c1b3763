using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>The frontends' origins allowed to call the API from a browser (e.g. https://app.example.com). None by default.</summary>
public sealed class CorsSettings : IValidatableObject
{
    public const string SectionName = "Cors";
    public const string PolicyName = "frontends";

    public List<string> AllowedOrigins { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedOrigins.Count; i++)
        {
            var origin = AllowedOrigins[i];
            var valid = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/');
            if (!valid)
            {
                yield return new ValidationResult($"Cors:AllowedOrigins:{i} must be an origin such as https://app.example.com.", [nameof(AllowedOrigins)]);
            }
        }
    }
}
