using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>The auditor's API and the database guard, on the shared apps (nothing here breaks the chain).</summary>
public abstract class AuditApiTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected NigehbanApp App => app;

    [Fact]
    public async Task List_ReturnsEventsNewestFirst_FilteredByActorAndAction()
    {
        using var _ = await app.SignInAsync("frontdesk");
        using var auditor = await app.SignInAsync("auditor");
        await app.SealPendingAsync();

        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit-events?actor=FrontDesk&action=auth.sign-in", Ct);

        page.GetProperty("page").GetInt32().ShouldBe(1);
        page.GetProperty("pageSize").GetInt32().ShouldBe(20);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(e => e.GetProperty("actorName").GetString() == "frontdesk" && e.GetProperty("action").GetString() == "auth.sign-in");
        var ids = items.Select(e => e.GetProperty("id").GetInt64()).ToList();
        ids.ShouldBe(ids.OrderDescending().ToList());
        items[0].GetProperty("sequence").GetInt64().ShouldBeGreaterThan(0);
        items[0].GetProperty("hash").GetString()!.Length.ShouldBe(64);
    }

    [Fact]
    public async Task List_MatchesActionPrefix_AndTimeWindow()
    {
        using var auditor = await app.SignInAsync("auditor");
        var now = DateTimeOffset.UtcNow;

        var recent = await auditor.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit-events?action=auth.*&from={Uri.EscapeDataString(now.AddMinutes(-30).ToString("O"))}&pageSize=100", Ct);
        var future = await auditor.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit-events?from={Uri.EscapeDataString(now.AddDays(1).ToString("O"))}", Ct);

        recent.GetProperty("items").EnumerateArray().ShouldNotBeEmpty();
        recent.GetProperty("items").EnumerateArray().ShouldAllBe(e => e.GetProperty("action").GetString()!.StartsWith("auth."));
        future.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task List_Returns400_NamingTheField_WhenQueryInvalid(string query, string field)
    {
        using var auditor = await app.SignInAsync("auditor");

        var response = await auditor.GetAsync($"/api/v1/audit-events?{query}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("field").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task List_RecordsThatTheAuditorReadTheTrail()
    {
        using var auditor = await app.SignInAsync("auditor");
        var marker = Guid.NewGuid().ToString("N");

        (await auditor.GetAsync($"/api/v1/audit-events?action={marker}", Ct)).EnsureSuccessStatusCode();

        var reads = await app.WithDbAsync(db => db.Set<AuditEvent>()
            .Where(e => e.Action == "audit-events.read" && e.ActorName == "auditor" && e.Details!.Contains(marker)).CountAsync(Ct));
        reads.ShouldBe(1);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("ig")]
    [InlineData("frontdesk")]
    public async Task AuditApi_Returns403_ForEveryoneButTheAuditor(string userName)
    {
        using var client = await app.SignInAsync(userName);

        (await client.GetAsync("/api/v1/audit-events", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/audit-events/verification", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AuditApi_Returns401_WithoutSignIn()
    {
        (await app.CreateClient().GetAsync("/api/v1/audit-events", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Verification_IsIntact_WhileTheAppIsInUse()
    {
        using var _ = await app.SignInAsync("sho");
        using var auditor = await app.SignInAsync("auditor");

        var result = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit-events/verification", Ct);

        result.GetProperty("intact").GetBoolean().ShouldBeTrue(result.ToString());
        result.GetProperty("eventCount").GetInt64().ShouldBe(result.GetProperty("headSequence").GetInt64());
    }

    [Theory]
    [InlineData("""UPDATE audit_events SET "Details" = 'rewritten' WHERE "Id" = 1""")]
    [InlineData("""DELETE FROM audit_events WHERE "Id" = 1""")]
    [InlineData("""UPDATE audit_seals SET "Hash" = 'rewritten' WHERE "Sequence" = 1""")]
    [InlineData("""DELETE FROM audit_seals WHERE "Sequence" = 1""")]
    [InlineData("""UPDATE audit_checkpoints SET "Hash" = 'rewritten'""")]
    [InlineData("""DELETE FROM audit_checkpoints""")]
    public async Task App_CannotUpdateOrDeleteAuditRows(string sql)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A seal and a checkpoint row must exist for their statements to reach the guard (writing a checkpoint seals first).
            await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(Ct);
        }

        var error = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct)));

        error.Message.ShouldContain("append-only");
        (await app.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.Id == 1 && e.Details != "rewritten", Ct))).ShouldBeTrue();
        (await app.WithDbAsync(db => db.Set<AuditSeal>().AnyAsync(s => s.Sequence == 1 && s.Hash != "rewritten", Ct))).ShouldBeTrue();
    }
}

public sealed class AuditApiTests_Sqlite(SqliteApp app) : AuditApiTests(app);

public sealed class AuditApiTests_Postgres(PostgresApp app) : AuditApiTests(app)
{
    [Theory]
    [InlineData("TRUNCATE audit_events")]
    [InlineData("TRUNCATE audit_seals")]
    [InlineData("TRUNCATE audit_checkpoints")]
    public async Task App_CannotTruncateAuditRows(string sql)
    {
        // SQLite has no TRUNCATE; its DELETE is covered by the shared tests.
        var error = await Should.ThrowAsync<Exception>(() => App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken)));

        error.Message.ShouldContain("append-only");
    }
}
