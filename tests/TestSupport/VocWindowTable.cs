using Npgsql;

namespace LunarVoc.TestSupport;

/// <summary>Direct access to the voc_windows table, for setting up and checking tests.</summary>
public static class VocWindowTable
{
    public static async Task TruncateAsync(string connectionString) =>
        await ExecuteScalarAsync(connectionString, "TRUNCATE voc_windows RESTART IDENTITY");

    public static async Task<long> CountRowsAsync(string connectionString) =>
        (long)(await ExecuteScalarAsync(connectionString, "SELECT count(*) FROM voc_windows"))!;

    private static async Task<object?> ExecuteScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
