using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Cases.EscalateOverdueStages;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// The investigation's stage clocks from the pack, on an app whose clock the test moves: a breach
/// alerts the SHO once, then the SDPO once; a new stage starts its own clock; a challan after the
/// deadline is counted late; custody runs the pack's limit. The clock moves forward only.
/// </summary>
public abstract class InvestigationClockTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverdueInvestigation_EscalatesOnceToTheSho_ThenOnceToTheSdpo_AndALateChallanIsCountedLate()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var reference = (await RegisterAsync(desk, Fir(NewPhone(), occurredAt: app.Now.AddHours(-1)))).GetProperty("reference").GetString()!;
        var registered = await FirAsync(reference);
        registered.Status.ShouldBe(FirStatus.UnderInvestigation);
        registered.StageDueAt.ShouldBe(app.Now.AddDays(14)); // Punjab's pack: the challan within 14 days

        app.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        await EscalateAsync();
        (await AlertsAsync(reference)).ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await EscalateAsync();
        await EscalateAsync();
        (await AlertsAsync(reference)).ShouldBe(["unit:LHR-PS01:in-charge"]);
        (await FirAsync(reference)).EscalationLevel.ShouldBe(1);

        app.Clock.Advance(TimeSpan.FromHours(73)); // the pack's supervisorEscalationAfter is 72 hours
        await EscalateAsync();
        await EscalateAsync();
        (await AlertsAsync(reference)).ShouldBe(["unit:LHR-PS01:in-charge", "unit:LHR-C1:in-charge"]);

        app.Clock.Advance(TimeSpan.FromDays(10));
        await EscalateAsync();
        (await AlertsAsync(reference)).Count.ShouldBe(2);

        var io = await app.SignInWithNextCodeAsync("io");
        var challan = await OkAsync(await StageAsync(io, reference, "challanSubmitted"));
        challan.GetProperty("challanInTime").GetBoolean().ShouldBeFalse();
        var submitted = await FirAsync(reference);
        submitted.StageDueAt.ShouldBeNull(); // a challan in court runs on the court's time, not the pack's
        submitted.EscalationLevel.ShouldBe(0);
        submitted.ChallanSubmittedAt.ShouldBe(app.Now);
        app.Clock.Advance(TimeSpan.FromDays(400));
        await EscalateAsync();
        (await AlertsAsync(reference)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Untraced_StartsItsOwnClock_AndAChallanInTimeIsCountedInTime()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var untraced = (await RegisterAsync(desk, Fir(NewPhone(), occurredAt: app.Now.AddHours(-1)))).GetProperty("reference").GetString()!;
        var traced = (await RegisterAsync(desk, Fir(NewPhone(), occurredAt: app.Now.AddHours(-1)))).GetProperty("reference").GetString()!;
        app.Clock.Advance(TimeSpan.FromDays(3));
        var io = await app.SignInWithNextCodeAsync("io");

        await OkAsync(await StageAsync(io, untraced, "untraced"));
        (await OkAsync(await StageAsync(io, traced, "challanSubmitted"))).GetProperty("challanInTime").GetBoolean().ShouldBeTrue();

        (await FirAsync(untraced)).StageDueAt.ShouldBe(app.Now.AddDays(30)); // Punjab's pack: an untraced case is looked at again after 30 days
        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await EscalateAsync();
        (await AlertsAsync(untraced)).ShouldBe(["unit:LHR-PS01:in-charge"]);
        (await AlertsAsync(traced)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Arrest_IsDueInCourtByTheCustodyLimit_CountedFromCustodyStart()
    {
        var desk = await app.SignInWithNextCodeAsync("frontdesk");
        var reference = (await RegisterAsync(desk, Fir(NewPhone(), occurredAt: app.Now.AddHours(-6)))).GetProperty("reference").GetString()!;
        var io = await app.SignInWithNextCodeAsync("io");

        var arrest = await CreatedAsync(await ArrestAsync(io, reference, new { person = "Test Accused", custodyStartedAt = app.Now.AddHours(-3) }));
        arrest.GetProperty("produceBy").GetDateTimeOffset().ShouldBe(app.Now.AddHours(21));
        var now = await CreatedAsync(await ArrestAsync(io, reference, new { person = "Second Accused" }));
        now.GetProperty("custodyStartedAt").GetDateTimeOffset().ShouldBe(app.Now);
    }

    private Task<Fir> FirAsync(string reference) =>
        app.WithDbAsync(db => db.Set<Fir>().AsNoTracking().SingleAsync(f => f.Reference == reference, Ct));

    private Task<List<string>> AlertsAsync(string reference) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(reference) && m.Payload.Contains("fir-stage-overdue"))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => m.Recipient).ToListAsync(Ct));

    private async Task<int> EscalateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EscalateOverdueStagesHandler>().RunAsync(500, Ct);
    }
}

public sealed class InvestigationClockTests_Sqlite(FakeClockSqliteApp app) : InvestigationClockTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class InvestigationClockTests_Postgres(FakeClockPostgresApp app) : InvestigationClockTests(app), IClassFixture<FakeClockPostgresApp>;
