namespace LunarVoc.Api.Contracts;

/// <summary>One event of the status stream (text/event-stream), field by field as the stream writes them.</summary>
/// <param name="Id" example="&quot;kX3v9QeB1xY2&quot;">The status's entity tag: send it back as Last-Event-ID to skip what you have.</param>
/// <param name="Event" example="status">Always "status".</param>
/// <param name="Data">The status, as GET /api/lunar/voc/status answers it (JSON on one data line).</param>
public sealed record StatusStreamEvent(string Id, string Event, VocStatusResponse Data);
