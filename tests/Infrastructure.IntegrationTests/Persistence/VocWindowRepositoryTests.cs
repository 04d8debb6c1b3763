using System.Diagnostics;
using LunarVoc.Application.Common.Exceptions;
using LunarVoc.Application.VocWindows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LunarVoc.Infrastructure.IntegrationTests.Persistence;

[TestFixture]
public sealed class VocWindowRepositoryTests : RepositoryTestBase
{
    [Test]
    public async Task An_empty_table_yields_no_windows()
    {
        var windows = await Repository.GetWindowsAsync(Noon, Noon.AddHours(96), CancellationToken.None);

        Assert.That(windows, Is.Empty);
    }

    [Test]
    public async Task Reads_overlapping_windows_and_the_first_one_beyond_the_horizon_in_start_order()
    {
        await Save(200, 203);          // second beyond the horizon: not read
        await Save(-30, -20);          // ended before now: not read
        await Save(-2, 0);             // ends exactly now: not read
        await Save(0, 1, "current");
        await Save(10, 12, "soon");
        await Save(150, 152, "next-beyond");

        var windows = await Repository.GetWindowsAsync(Noon, Noon.AddHours(96), CancellationToken.None);

        Assert.That(windows.Select(w => w.Source), Is.EqualTo(new[] { "current", "soon", "next-beyond" }));
        Assert.That(windows[0].StartAt, Is.EqualTo(Noon));
        Assert.That(windows[0].StartAt.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task The_status_read_is_one_statement_in_one_round_trip()
    {
        await Save(-1, 1);
        await Save(150, 152);
        var commands = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (commands) { commands.Add(activity.DisplayName); } },
        };
        ActivitySource.AddActivityListener(listener);

        var windows = await Repository.GetWindowsAsync(Noon, Noon.AddHours(96), CancellationToken.None);

        Assert.That(windows, Has.Length.EqualTo(2));
        Assert.That(commands, Has.Count.EqualTo(1), string.Join(" | ", commands));
    }

    [Test]
    public async Task A_new_window_is_created()
    {
        var saved = await Save(1, 2, "ephemeris");

        Assert.That(saved.Outcome, Is.EqualTo(SaveOutcome.Created));
        Assert.That(saved.Window.Id, Is.GreaterThan(0));
        Assert.That(saved.Window.StartAt, Is.EqualTo(Noon.AddHours(1)));
        Assert.That(saved.Window.Source, Is.EqualTo("ephemeris"));
        Assert.That(await Repository.GetByIdAsync(saved.Window.Id, CancellationToken.None), Is.EqualTo(saved.Window));
    }

    [Test]
    public async Task Saving_the_same_bounds_again_updates_the_source_and_keeps_one_row()
    {
        var first = await Save(1, 2, "provider-a");

        var second = await Save(1, 2, "provider-b");

        Assert.That(second.Outcome, Is.EqualTo(SaveOutcome.Updated));
        Assert.That(second.Window.Id, Is.EqualTo(first.Window.Id));
        Assert.That(second.Window.Source, Is.EqualTo("provider-b"));
        Assert.That(await TestDatabase.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_save_identical_to_the_stored_window_changes_nothing_and_tells_no_instance()
    {
        await using var listener = new NpgsqlConnection(TestDatabase.ConnectionString);
        await listener.OpenAsync();
        var notified = new List<string>();
        listener.Notification += (_, notification) => notified.Add(notification.Payload);
        await using (var listen = new NpgsqlCommand("LISTEN lunarvoc_windows", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var created = await Save(1, 2, "same");
        var identical = await Save(1, 2, "same");
        var changed = await Save(1, 2, "other");
        // Notifications arrive in commit order: once a marker sent after the saves has come, theirs have too.
        await using (var marker = new NpgsqlCommand("NOTIFY lunarvoc_windows, 'marker'", listener))
        {
            await marker.ExecuteNonQueryAsync();
        }

        for (var waits = 0; waits < 100 && !notified.Contains("marker"); waits++)
        {
            await listener.WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.That((created.ChangedWindows, identical.ChangedWindows, changed.ChangedWindows), Is.EqualTo((true, false, true)));
        Assert.That(identical.Outcome, Is.EqualTo(SaveOutcome.Updated));
        Assert.That(identical.Window, Is.EqualTo(created.Window));
        Assert.That(notified.Count(payload => payload != "marker"), Is.EqualTo(2), "the identical save sent no notification");
    }

    [Test]
    public async Task Concurrent_identical_saves_create_exactly_one_row()
    {
        // 100 writers take turns: the last waits for the 99 before it. What is tested is that exactly one
        // row comes of it, not how fast a loaded machine serves them, so neither the budget nor the wait
        // for a pooled connection (the connect timeout, past the pool's size) is raced.
        await using var services = TestDatabase.BuildServices(TestDatabase.ConnectionString, new Dictionary<string, string?> { ["Retry:BudgetSeconds"] = "60", ["Database:ConnectTimeoutSeconds"] = "60" });
        var repository = services.GetRequiredService<IVocWindowRepository>();
        var saves = Enumerable.Range(0, 100).Select(_ => Task.Run(() => repository.SaveAsync(Noon.AddHours(5), Noon.AddHours(6), "race", false, CancellationToken.None)));

        var results = await Task.WhenAll(saves);

        Assert.That(results.Count(r => r.Outcome == SaveOutcome.Created), Is.EqualTo(1));
        Assert.That(results.Select(r => r.Window.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public void The_database_refuses_a_window_that_ends_before_it_starts()
    {
        var error = Assert.ThrowsAsync<PostgresException>(() => Save(2, 1));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.CheckViolation));
    }

    [Test]
    public async Task An_unreachable_database_surfaces_as_a_transient_unavailable_error()
    {
        var port = TestDatabase.Cluster.Port + 1;
        await using var services = TestDatabase.BuildServices(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=none",
            new Dictionary<string, string?> { ["Database:ConnectTimeoutSeconds"] = "1" });
        var repository = services.GetRequiredService<IVocWindowRepository>();

        var error = Assert.ThrowsAsync<DataSourceUnavailableException>(
            () => repository.GetWindowsAsync(Noon, Noon.AddHours(1), CancellationToken.None));

        Assert.That(error!.IsTransient, Is.True);
        Assert.That(error.InnerException, Is.InstanceOf<NpgsqlException>());
    }

    [TestCase("Database=no_such_database")]
    [TestCase("Database=lunarvoc_missing;Username=no_such_role")]
    public async Task A_server_that_refuses_us_surfaces_as_unavailable_not_as_a_bug(string settings)
    {
        await using var services = TestDatabase.BuildServices($"Host=127.0.0.1;Port={TestDatabase.Cluster.Port};Username=postgres;{settings}");
        var repository = services.GetRequiredService<IVocWindowRepository>();

        var error = Assert.ThrowsAsync<DataSourceUnavailableException>(
            () => repository.GetWindowsAsync(Noon, Noon.AddHours(1), CancellationToken.None));

        Assert.That(error!.InnerException, Is.InstanceOf<PostgresException>());
    }
}
