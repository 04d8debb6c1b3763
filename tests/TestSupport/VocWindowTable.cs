using Npgsql;

namespace LunarVoc.TestSupport;

/// <summary>Direct access to the voc_windows table, for setting up and checking tests.</summary>
public static class VocWindowTable
{
    public static async Task TruncateAsync(string connectionString) =>
        await ExecuteScalarAsync(connectionString, "TRUNCATE voc_windows RESTART IDENTITY");

    /// <summary>
    /// Empties the webhook tables (subscriptions, their messages and attempts). A running scheduler may
    /// hold the messages while it waits for a subscription, so PostgreSQL can pick this statement as a
    /// deadlock's victim; it is tried again then.
    /// </summary>
    public static async Task TruncateWebhooksAsync(string connectionString)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteScalarAsync(connectionString, "TRUNCATE webhook_subscriptions, webhook_delivery_heartbeat RESTART IDENTITY CASCADE");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }

    /// <summary>Webhook messages in a state: pending (waiting to be sent), delivered, failed or cancelled.</summary>
    /// <summary>Runs a statement of the test's own (bulk set-up), its parameters bound by name.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountWebhooksAsync(string connectionString, string state) =>
        (long)(await ExecuteScalarAsync(connectionString, $"SELECT count(*) FROM webhook_messages WHERE state = '{state}'"))!;

    /// <summary>Renames a column the store reads: its statements then fail with an error it does not translate (as after a bad migration).</summary>
    public static async Task BreakSchemaAsync(string connectionString) =>
        await ExecuteScalarAsync(connectionString, "ALTER TABLE voc_windows RENAME COLUMN source TO source_renamed");

    public static async Task<long> CountRowsAsync(string connectionString) =>
        (long)(await ExecuteScalarAsync(connectionString, "SELECT count(*) FROM voc_windows"))!;

    /// <summary>
    /// Rows that break a rule a window must obey: end after start, at most 4 days long, within
    /// 1900–2100, a source of 1–64 letters, digits, '-', '_' or '.', and no overlap with another row.
    /// </summary>
    public static async Task<long> CountInvalidRowsAsync(string connectionString) =>
        (long)(await ExecuteScalarAsync(connectionString, """
            SELECT count(*) FROM voc_windows w
             WHERE w.end_at <= w.start_at
                OR w.end_at - w.start_at > interval '4 days'
                OR w.start_at < '1900-01-01T00:00:00Z' OR w.end_at > '2101-01-01T00:00:00Z'
                OR w.source !~ '^[A-Za-z0-9._-]{1,64}$'
                OR EXISTS (SELECT 1 FROM voc_windows o
                            WHERE o.id <> w.id AND tstzrange(o.start_at, o.end_at) && tstzrange(w.start_at, w.end_at))
            """))!;

    /// <summary>Writes a window behind the service's back, as an upstream provider sharing the database would.</summary>
    public static async Task InsertAsync(string connectionString, DateTimeOffset start, DateTimeOffset end, string source)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO voc_windows (start_at, end_at, source) VALUES ($1, $2, $3)", connection);
        command.Parameters.AddWithValue(start.ToUniversalTime());
        command.Parameters.AddWithValue(end.ToUniversalTime());
        command.Parameters.AddWithValue(source);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every stored window as (start, end, source), ordered by start.</summary>
    public static async Task<List<(DateTimeOffset Start, DateTimeOffset End, string Source)>> ReadAllAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT start_at, end_at, source FROM voc_windows ORDER BY start_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(DateTimeOffset, DateTimeOffset, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
        }

        return rows;
    }

    public static async Task<object?> ExecuteScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
