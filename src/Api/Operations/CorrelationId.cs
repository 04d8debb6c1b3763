using System.Text.RegularExpressions;

namespace LunarVoc.Api.Operations;

/// <summary>The correlation id every response carries, and every log line of a request that supplied one.</summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    /// <summary>
    /// A correlation id per request: the caller's X-Correlation-Id when it is a plain token (then
    /// added to every log line's scope), otherwise the request's trace id; echoed in the response.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var supplied = context.Request.Headers[Header].ToString();
            if (supplied.Length is > 0 and <= 64 && PlainToken().IsMatch(supplied))
            {
                context.Response.Headers[Header] = supplied;
                using (RequestLogger(context).BeginScope(new CorrelationScope(supplied)))
                {
                    await next(context);
                }

                return;
            }

            // Usually none is supplied: the trace id is the correlation id, and every log line of the
            // request already carries it in the host's own scope (TraceId).
            context.Response.Headers[Header] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            await next(context);
        });

    private static ILogger RequestLogger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LunarVoc.Requests");

    /// <summary>A log scope with one property, CorrelationId.</summary>
    private sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] => new("CorrelationId", correlationId);

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{correlationId}";
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex PlainToken();
}
