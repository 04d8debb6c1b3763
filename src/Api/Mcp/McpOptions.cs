using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Api.Mcp;

/// <summary>Who may call the MCP endpoint from a browser.</summary>
public sealed class McpOptions
{
    public const string SectionName = "Mcp";

    /// <summary>Origins (scheme://host[:port]) whose browser pages may call /mcp; none by default. Clients that send no Origin are not browsers and are served.</summary>
    [MaxLength(100)]
    public string[] AllowedOrigins { get; set; } = [];
}
