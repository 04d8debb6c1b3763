using System.Threading.Channels;
using Polly;

namespace LunarVoc.Infrastructure.Webhooks;

/// <summary>
/// Writes the outcomes of attempts to the store a batch at a time: one transaction for everything
/// that ended since the last write, not one per message, so thousands of deliveries a second cost a
/// few commits and a single connection instead of one each (which, past the pool, would wait past the
/// database budget, go unrecorded and be sent again). Each delivery waits for its own record, so what
/// is in flight stays bounded by the delivery slots. A failed write is tried again by
/// <paramref name="resume"/>; on stop, what is unrecorded is sent again later (at least once).
/// </summary>
internal sealed class WebhookRecorder(WebhookStore store, ResiliencePipeline resume)
{
    private const int MaxBatch = 1_000;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the outcome is in the store.</summary>
    public Task RecordAsync(ClaimedMessage message, AttemptOutcome outcome, CancellationToken stoppingToken)
    {
        var pending = new Pending(message, outcome, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Writer.TryWrite(pending);
        return pending.Written.Task.WaitAsync(stoppingToken);
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var outcomes = batch.Select(pending => (pending.Message, pending.Outcome)).ToList();
            await resume.ExecuteAsync(async _ => await store.RecordAsync(outcomes), stoppingToken);
            batch.ForEach(pending => pending.Written.TrySetResult());
            batch.Clear();
        }
    }

    private sealed record Pending(ClaimedMessage Message, AttemptOutcome Outcome, TaskCompletionSource Written);
}
