namespace LunarVoc.Api.Streams;

/// <summary>
/// Counts the open status streams, per instance and per client, against their caps. A client's
/// entry lives only while it has a stream open, so the table is bounded by the instance cap.
/// </summary>
public sealed class StreamSlots(IOptions<StreamOptions> options)
{
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Null when a stream may open (then <see cref="Release"/> it), else the refusal's status code.</summary>
    public int? TryTake(string client)
    {
        var settings = options.Value;
        lock (_perClient)
        {
            if (_open >= settings.MaxOpen)
            {
                return StatusCodes.Status503ServiceUnavailable;
            }

            var mine = _perClient.GetValueOrDefault(client);
            if (mine >= settings.MaxPerClient)
            {
                return StatusCodes.Status429TooManyRequests;
            }

            _perClient[client] = mine + 1;
            _open++;
            return null;
        }
    }

    public void Release(string client)
    {
        lock (_perClient)
        {
            _open--;
            if (--_perClient[client] == 0)
            {
                _perClient.Remove(client);
            }
        }
    }
}
