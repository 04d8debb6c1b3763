using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>Which browser origins may call the API (see <see cref="CorsPolicies"/>).</summary>
public sealed class CorsSettings : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>The frontends' origins allowed to write from a browser (e.g. https://app.example.com). None by default.</summary>
    public List<string> AllowedOrigins { get; } = [];

    /// <summary>Whether any origin may make the public, anonymous reads; when false, only <see cref="AllowedOrigins"/>.</summary>
    public bool AnyOriginForReads { get; set; } = true;

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
