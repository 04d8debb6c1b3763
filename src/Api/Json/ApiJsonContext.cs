using System.Text.Json;
using System.Text.Json.Serialization;
using LunarVoc.Api.Contracts;
using LunarVoc.Application.VocWindows.GetCacheStats;

namespace LunarVoc.Api.Json;

/// <summary>Compile-time JSON metadata for the hot responses (the status is polled all day).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VocStatusResponse))]
[JsonSerializable(typeof(VocCurrentResponse))]
[JsonSerializable(typeof(CacheStatsReport))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
