namespace LunarVoc.Application.Common.Exceptions;

/// <summary>
/// The window store could not be reached or failed to answer. <see cref="IsTransient"/> says
/// whether trying again may succeed; the store's own exception stays as the inner exception.
/// </summary>
public sealed class DataSourceUnavailableException : Exception
{
    public DataSourceUnavailableException()
    {
    }

    public DataSourceUnavailableException(string message)
        : base(message)
    {
    }

    public DataSourceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataSourceUnavailableException(string message, bool isTransient, Exception innerException)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; }

    /// <summary>How long the caller should wait before trying again, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
