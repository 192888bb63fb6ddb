using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace SmartMixed.Grains.Storage;

/// <summary>
/// Grain state in one SQLite file: our own schema (one row per grain and state name), optimistic concurrency by
/// etag, WAL journal, each write one atomic statement. The embedded store of a single machine: Orleans' ADO.NET
/// provider would need Orleans' own SQL scripts, which its packages do not carry.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;

    public SqliteGrainStorage(string path, IGrainStorageSerializer serializer)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _serializer = serializer;
        DatabasePath = path;
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS grain_state (
                grain_id   TEXT NOT NULL,
                state_name TEXT NOT NULL,
                etag       TEXT NOT NULL,
                data       BLOB NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (grain_id, state_name)
            );
            """);
    }

    public string DatabasePath { get; }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE grain_id = $id AND state_name = $name";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var etag = reader.GetString(0);
        var data = (byte[])reader.GetValue(1);
        grainState.State = _serializer.Deserialize<T>(new BinaryData(data)) ?? Activator.CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var newEtag = Guid.NewGuid().ToString("N");
        var data = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        if (string.IsNullOrEmpty(grainState.ETag))
        {
            // No record yet as far as this activation knows: insert, and fail if someone else already did.
            command.CommandText = """
                INSERT INTO grain_state (grain_id, state_name, etag, data, updated_at) VALUES ($id, $name, $new, $data, $now)
                ON CONFLICT (grain_id, state_name) DO NOTHING
                """;
        }
        else
        {
            command.CommandText = """
                UPDATE grain_state SET etag = $new, data = $data, updated_at = $now
                WHERE grain_id = $id AND state_name = $name AND etag = $old
                """;
            command.Parameters.AddWithValue("$old", grainState.ETag);
        }
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$new", newEtag);
        command.Parameters.AddWithValue("$data", data);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            var stored = await StoredEtag(connection, stateName, grainId);
            throw new InconsistentStateException(
                $"the stored state of {grainId}/{stateName} changed under this activation (etag {stored ?? "none"}, expected {grainState.ETag ?? "none"})",
                stored, grainState.ETag);
        }
        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_id = $id AND state_name = $name AND ($old IS NULL OR etag = $old)";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$old", (object?)grainState.ETag ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<string?> StoredEtag(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE grain_id = $id AND state_name = $name";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        return await command.ExecuteScalarAsync() as string;
    }
}
