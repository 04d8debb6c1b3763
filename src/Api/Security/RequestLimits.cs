using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Security;

/// <summary>The largest request body accepted; a window is a few hundred bytes.</summary>
public sealed class RequestLimits
{
    public const string SectionName = "Limits";

    [Range(1024, 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;
}
