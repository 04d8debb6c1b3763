using System.Text.Json.Serialization;

namespace LunarVoc.Api.Json;

/// <summary>
/// Reads ISO-8601 instants only when they say their offset ('Z' or ±hh:mm): a bare local time
/// is ambiguous and is refused rather than guessed. Writes UTC with a 'Z'.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected an ISO-8601 date-time string with an offset, e.g. 2026-11-24T03:10:00Z.");
        }

        var text = reader.GetString()!;
        if (!IsoInstant.HasExplicitOffset(text) || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException($"'{text}' is not {IsoInstant.Expected}.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsoInstant.Format(value));
}
