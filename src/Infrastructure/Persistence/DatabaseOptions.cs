using System.ComponentModel.DataAnnotations;

namespace LunarVoc.Infrastructure.Persistence;

/// <summary>The PostgreSQL connection and how quickly a dead server is given up on.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";

    /// <summary>Bound from <c>ConnectionStrings:Postgres</c>.</summary>
    [Required(ErrorMessage = "ConnectionStrings:Postgres is required (env ConnectionStrings__Postgres).")]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Seconds to wait for a connection (Npgsql's default is 15).</summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 3;


    /// <summary>Connection attempts at start-up before the service refuses to start.</summary>
    [Range(1, 100)]
    public int StartupAttempts { get; set; } = 10;

    /// <summary>Seconds between start-up connection attempts.</summary>
    [Range(0, 60)]
    public double StartupRetryDelaySeconds { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break; // reported by [Required]
        }

        string? problem = null;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {problem}",
                [nameof(ConnectionString)]);
        }
    }
}
