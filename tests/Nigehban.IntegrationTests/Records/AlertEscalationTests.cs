using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Features.Records.EscalateAlerts;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>
/// Escalation (issue 19): an alert left unacknowledged past the pack's deadline escalates, exactly once,
/// to the station's parent unit — shown in the SDPO's inbox, told to its in-charge, counted on the dashboard;
/// one acknowledged in time never escalates.
/// </summary>
public abstract class AlertEscalationTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> WantedTenantAlertAsync(string name)
    {
        var cnic = ServiceCentreFixtures.NewCnic();
        await ProclaimWantedAsync(await app.SignInWithNextCodeAsync("frontdesk"), await app.SignInWithNextCodeAsync("io"), name, cnic, "Test Father");
        var tenant = new
        {
            unit = app.DemoAccounts.Single(a => a.UserName == "frontdesk").Unit, propertyAddress = "House 3, Test Street", landlordName = "Test Landlord",
            landlordPhone = "+923001234567", tenantName = name, tenantFatherName = "Test Father", tenantNationalId = cnic,
        };
        (await app.CreateClient().PostAsJsonAsync("/api/v1/tenants", tenant, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await AlertsAsync(await app.SignInWithNextCodeAsync("frontdesk"))).Single(a => a.GetProperty("personName").GetString() == name).GetProperty("id").GetGuid();
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EscalateUnacknowledgedAlertsHandler>().RunAsync(500, Ct);
    }

    [Fact]
    public async Task AnAlertLeftPastItsDeadline_EscalatesExactlyOnce_ToTheCircle_AndOneAcknowledgedNever()
    {
        var ignored = await WantedTenantAlertAsync($"Test Ignored Tenant {Guid.NewGuid().ToString("N")[..6]}");
        var handled = await WantedTenantAlertAsync($"Test Handled Tenant {Guid.NewGuid().ToString("N")[..6]}");
        (await (await app.SignInWithNextCodeAsync("frontdesk")).PostAsJsonAsync($"/api/v1/registration-alerts/{handled}/acknowledgement", new { note = "seen" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        Task<long> EscalatedAsync() => app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.Period == RollupPeriod.Month && r.Metric == RegistrationAlertMetrics.Escalated && r.Dimension == "").SumAsync(r => r.Count, Ct));
        var before = await EscalatedAsync();

        await SweepAsync();
        (await app.WithDbAsync(db => db.Set<RegistrationAlert>().IgnoreQueryFilters().Where(a => a.Id == ignored).Select(a => a.EscalatedAt).SingleAsync(Ct))).ShouldBeNull();
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await SweepAsync();
        await SweepAsync();

        var sdpo = app.DemoAccounts.Single(a => a.UserName == "sdpo").Unit;
        var inbox = await AlertsAsync(await app.SignInWithNextCodeAsync("sdpo"), "&escalated=true");
        inbox.ShouldContain(a => a.GetProperty("id").GetGuid() == ignored && a.GetProperty("escalatedTo").GetString() == sdpo);
        inbox.ShouldNotContain(a => a.GetProperty("id").GetGuid() == handled);
        var told = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Recipient == $"unit:{sdpo}:in-charge").Select(m => m.Payload).ToListAsync(Ct));
        told.Count(p => p.Contains(ignored.ToString(), StringComparison.Ordinal) && p.Contains("registration-alert-escalated", StringComparison.Ordinal)).ShouldBe(1);
        told.ShouldNotContain(p => p.Contains(handled.ToString(), StringComparison.Ordinal));
        (await EscalatedAsync()).ShouldBeGreaterThanOrEqualTo(before + 1);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TwoSweepsRunningAtOnce_EscalateEachAlertOnce()
    {
        var first = await WantedTenantAlertAsync($"Test Raced Tenant {Guid.NewGuid().ToString("N")[..6]}");
        var second = await WantedTenantAlertAsync($"Test Raced Tenant {Guid.NewGuid().ToString("N")[..6]}");
        Guid[] mine = [first, second];
        app.Clock.Advance(TimeSpan.FromMinutes(16));

        // Both sweeps read the overdue alerts while a write holds the rows, then both try to escalate them: the
        // second to reach the rows must find them escalated, not escalate them again.
        var escalated = await app.WithDbAsync(async db =>
        {
            await using var hold = await db.Database.BeginTransactionAsync(Ct);
            await db.Set<RegistrationAlert>().IgnoreQueryFilters().Where(a => mine.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.Place, a => a.Place), Ct);
            var sweeps = new[] { Task.Run(SweepAsync, Ct), Task.Run(SweepAsync, Ct) };
            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
            await hold.CommitAsync(Ct);
            return await Task.WhenAll(sweeps);
        });

        escalated.Length.ShouldBe(2);
        foreach (var id in mine)
        {
            var told = await app.WithDbAsync(db => db.Set<OutboxMessage>()
                .Where(m => m.Payload.Contains(id.ToString()) && m.Payload.Contains("registration-alert-escalated")).CountAsync(Ct));
            told.ShouldBe(1, $"alert {id} told once");
            var audited = await app.WithDbAsync(db => db.Set<Nigehban.Web.Platform.Audit.AuditEvent>().IgnoreQueryFilters()
                .Where(e => e.Action == "registration-alert.escalated" && e.ObjectId == id.ToString()).CountAsync(Ct));
            audited.ShouldBe(1, $"alert {id} escalated once");
        }

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }
}

public sealed class AlertEscalationTests_Sqlite(FakeClockSqliteApp app) : AlertEscalationTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class AlertEscalationTests_Postgres(FakeClockPostgresApp app) : AlertEscalationTests(app), IClassFixture<FakeClockPostgresApp>;
