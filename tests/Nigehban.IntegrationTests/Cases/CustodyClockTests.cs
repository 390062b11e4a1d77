using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Cases.EscalateOverdueStages;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// The custody limit on an app whose clock the test moves: a person kept past the pack's limit
/// without being produced in court alerts the station's supervisors (SHO and SDPO) once, through the
/// cases module's one overdue sweep; one produced in time never does; production is recorded once.
/// </summary>
public abstract class CustodyClockTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CustodyPastTheLimit_AlertsTheShoAndTheSdpoOnce_AndOneProducedInTimeNever()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var reference = (await RegisterAsync(desk, Fir(NewPhone(), occurredAt: app.Now.AddHours(-6)))).GetProperty("reference").GetString()!;
        var io = await app.SignInWithNextCodeAsync("io");
        var kept = await CreatedAsync(await ArrestAsync(io, reference, new { person = "Test Kept Too Long", custodyStartedAt = app.Now.AddHours(-2) }));
        var produced = await CreatedAsync(await ArrestAsync(io, reference, new { person = "Test Produced In Time", custodyStartedAt = app.Now.AddHours(-1) }));

        app.Clock.Advance(TimeSpan.FromHours(21)); // 23 hours of custody: within Punjab's 24
        await SweepAsync();
        (await AlertsAsync(reference)).ShouldBeEmpty();
        io = await app.SignInWithNextCodeAsync("io"); // a session idle for hours has ended
        var producedId = produced.GetProperty("id").GetGuid();
        var production = await OkAsync(await ProduceAsync(io, reference, producedId, new { }));
        production.GetProperty("producedInCourtAt").GetDateTimeOffset().ShouldBe(app.Now);
        (await ProduceAsync(io, reference, producedId, new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await SweepAsync();
        await SweepAsync();
        (await AlertsAsync(reference)).ShouldBe(["unit:LHR-PS01:in-charge", "unit:LHR-C1:in-charge"], ignoreOrder: true);
        var alerted = await app.WithDbAsync(db => db.Set<FirArrest>().AsNoTracking().SingleAsync(a => a.Id == kept.GetProperty("id").GetGuid(), Ct));
        alerted.CustodyOverdueAlertedAt.ShouldBe(app.Now);

        // Produced late: recorded, and no further alert.
        io = await app.SignInWithNextCodeAsync("io");
        await OkAsync(await ProduceAsync(io, reference, alerted.Id, new { producedAt = app.Now }));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync();
        (await AlertsAsync(reference)).Count.ShouldBe(2);
        var work = await InvestigationAsync(await app.SignInWithNextCodeAsync("io"), reference);
        work.GetProperty("arrests").EnumerateArray().Select(a => a.GetProperty("custodyOverdue").GetBoolean()).ShouldBe([true, false]);

        // Counted once on the dashboard, on the day the limit passed; a rebuild agrees.
        var breaches = await app.WithDbAsync(db => db.Set<DashboardRollup>().AsNoTracking()
            .Where(r => r.Metric == FirArrestMetrics.CustodyOverdue && r.UnitCode == "LHR-PS01" && r.Dimension == "" && r.Period == RollupPeriod.Day)
            .SumAsync(r => r.Count, Ct));
        var alertedArrests = await app.WithDbAsync(db => db.Set<FirArrest>().AsNoTracking().CountAsync(a => a.UnitCode == "LHR-PS01" && a.CustodyOverdueAlertedAt != null, Ct));
        alertedArrests.ShouldBeGreaterThanOrEqualTo(1);
        breaches.ShouldBe(alertedArrests);
        await using var verify = app.Services.CreateAsyncScope();
        (await verify.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Production_BeforeCustodyOrInTheFuture_IsRefusedNamingTheField_AndAnUnknownArrestIs404()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var reference = (await RegisterAsync(desk, Fir(NewPhone(), occurredAt: app.Now.AddHours(-6)))).GetProperty("reference").GetString()!;
        var io = await app.SignInWithNextCodeAsync("io");
        var arrest = (await CreatedAsync(await ArrestAsync(io, reference, new { person = "Test Accused", custodyStartedAt = app.Now.AddHours(-2) }))).GetProperty("id").GetGuid();

        (await FieldOfAsync(await ProduceAsync(io, reference, arrest, new { producedAt = app.Now.AddHours(-3) }), 400)).ShouldBe("producedAt");
        (await FieldOfAsync(await ProduceAsync(io, reference, arrest, new { producedAt = app.Now.AddHours(3) }), 400)).ShouldBe("producedAt");
        (await FieldOfAsync(await ProduceAsync(io, reference, Guid.NewGuid(), new { }), 404)).ShouldBe("id");
        (await ProduceAsync(desk, reference, arrest, new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static Task<HttpResponseMessage> ProduceAsync(HttpClient client, string reference, Guid arrest, object body) =>
        client.PutAsJsonAsync($"/api/v1/firs/{reference}/arrests/{arrest}/production", body, Ct);

    private Task<List<string>> AlertsAsync(string reference) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(reference) && m.Payload.Contains("custody-overdue"))
            .Select(m => m.Recipient).ToListAsync(Ct));

    // The cases module's one sweep, as its watcher runs it: no other timer watches custody.
    private async Task SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalateOverdueStagesHandler>().RunAsync(500, Ct);
    }
}

public sealed class CustodyClockTests_Sqlite(FakeClockSqliteApp app) : CustodyClockTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class CustodyClockTests_Postgres(FakeClockPostgresApp app) : CustodyClockTests(app), IClassFixture<FakeClockPostgresApp>;
