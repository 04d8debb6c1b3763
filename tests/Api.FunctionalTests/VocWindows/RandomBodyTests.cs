using System.Globalization;
using System.Net;
using System.Text;
using LunarVoc.TestSupport;

namespace LunarVoc.Api.FunctionalTests.VocWindows;

/// <summary>
/// Property: whatever body a client sends to POST, the answer is 2xx or 4xx — never 5xx — and the
/// table never holds a row that breaks the rules. Bodies come from a seeded generator (the seed
/// is in the failure message) mixing near-valid windows, wrong types, odd strings and broken JSON.
/// </summary>
[TestFixture]
public sealed class RandomBodyTests : VocEndpointTestBase
{
    private const int Bodies = 400;
    private static readonly string[] Fields = ["start_at", "end_at", "source", "replace", "extra", "START_AT", ""];

    [TestCase(20261124)]
    [TestCase(7)]
    public async Task Random_bodies_never_cause_a_5xx_or_an_invalid_row(int seed)
    {
        var random = new Random(seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < Bodies; i++)
        {
            var body = RandomBody(random);
            using var content = new StringContent(body, Encoding.UTF8, random.Next(20) == 0 ? "text/plain" : "application/json");
            using var response = await Client.PostAsync("/api/lunar/voc", content);

            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.That((int)response.StatusCode, Is.InRange(200, 499), $"seed {seed}, body #{i}: {body}");
        }

        Assert.That(await VocWindowTable.CountInvalidRowsAsync(ApiHost.ConnectionString), Is.Zero);
        Assert.That(statuses.Keys, Has.Member(HttpStatusCode.Created), "the generator also makes valid windows");
        Assert.That(statuses.Keys, Has.Member(HttpStatusCode.BadRequest));
    }

    private static string RandomBody(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return RandomText(random, random.Next(0, 80));
            case 1:
                var valid = Window(random);
                return valid[..random.Next(valid.Length)];
            default:
                return random.Next(3) == 0 ? Mutate(random, Window(random)) : Window(random);
        }
    }

    private static string Window(Random random)
    {
        var start = new DateTimeOffset(1880, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.NextInt64(0, 250L * 365 * 24 * 60));
        var end = start.AddMinutes(random.Next(-600, 7 * 24 * 60));
        var fields = new List<string>
        {
            $"\"start_at\":{Instant(random, start)}",
            $"\"end_at\":{Instant(random, end)}",
            $"\"source\":{Source(random)}",
        };
        if (random.Next(4) == 0)
        {
            fields.Add($"\"replace\":{(random.Next(3) switch { 0 => "true", 1 => "false", _ => "\"yes\"" })}");
        }

        return "{" + string.Join(",", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static string Instant(Random random, DateTimeOffset instant) => random.Next(12) switch
    {
        0 => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        1 => $"\"{instant.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}\"",
        2 => "null",
        3 => $"\"{instant.ToOffset(TimeSpan.FromHours(random.Next(-12, 14))):yyyy-MM-dd'T'HH:mm:sszzz}\"",
        4 => $"\"{RandomText(random, 12)}\"",
        _ => $"\"{instant.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\"",
    };

    private static string Source(Random random) => random.Next(8) switch
    {
        0 => "\"\"",
        1 => $"\"{new string('s', random.Next(60, 70))}\"",
        2 => "42",
        3 => $"\"{RandomText(random, random.Next(1, 10))}\"",
        _ => $"\"provider-{random.Next(100)}\"",
    };

    private static string Mutate(Random random, string json) => random.Next(4) switch
    {
        0 => json.Replace(Fields[random.Next(3)], Fields[random.Next(Fields.Length)], StringComparison.Ordinal),
        1 => json.Insert(random.Next(json.Length), RandomText(random, 3)),
        2 => "[" + json + "]",
        _ => json.Replace("}", ",\"" + Fields[random.Next(Fields.Length)] + "\":{\"nested\":[1,2,{}]}}", StringComparison.Ordinal),
    };

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "ab{}[]\":,\\ 0123456789-TZ.é\u0000\u2028";
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
