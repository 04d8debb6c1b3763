namespace LunarVoc.Application.Webhooks;

/// <summary>Tells the delivery loop that a message is due at <c>at</c>, so it does not wait for its next look.</summary>
public interface IWebhookDeliveries
{
    void Due(DateTimeOffset at);
}
