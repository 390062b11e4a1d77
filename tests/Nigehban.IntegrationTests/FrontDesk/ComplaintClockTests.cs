using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.FrontDesk;
using Nigehban.Web.Features.FrontDesk.EscalateOverdueComplaints;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>
/// The stage clocks of the pack, on an app whose clock the test moves: a breach alerts the SHO
/// once, then the SDPO once, and a new stage starts its own clock. The tests of this class share
/// one app and move its clock forward only.
/// </summary>
public abstract class ComplaintClockTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverdueStage_EscalatesOnceToTheSho_ThenOnceToTheSdpo_AndANewStageStartsAfresh()
    {
        var reference = await FileAsync(app.CreateClient(), Complaint(NewPhone(), incidentAt: app.Now.AddHours(-1)));
        var filed = await ComplaintAsync(reference);
        filed.StageDueAt.ShouldBe(app.Now.AddHours(24)); // Punjab's pack: a received complaint waits 24 hours for an officer

        app.Clock.Advance(TimeSpan.FromHours(23));
        await EscalateAsync();
        (await AlertsAsync(reference)).ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromHours(2));
        await EscalateAsync();
        await EscalateAsync();
        (await AlertsAsync(reference)).ShouldBe(["unit:LHR-PS01:in-charge"]);
        (await ComplaintAsync(reference)).EscalationLevel.ShouldBe(1);

        app.Clock.Advance(TimeSpan.FromHours(25)); // the pack's supervisorEscalationAfter is 24 hours
        await EscalateAsync();
        await EscalateAsync();
        (await AlertsAsync(reference)).ShouldBe(["unit:LHR-PS01:in-charge", "unit:LHR-C1:in-charge"]);

        app.Clock.Advance(TimeSpan.FromDays(10));
        await EscalateAsync();
        (await AlertsAsync(reference)).Count.ShouldBe(2);

        var sho = await app.SignInWithNextCodeAsync("sho");
        await OkAsync(await AssignAsync(sho, reference));
        var assigned = await ComplaintAsync(reference);
        assigned.EscalationLevel.ShouldBe(0);
        assigned.StageDueAt.ShouldBe(app.Now.AddHours(24));
        app.Clock.Advance(TimeSpan.FromHours(25));
        await EscalateAsync();
        (await AlertsAsync(reference)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task InquiryDeadline_IsTheCategorysOwn_WhenThePackGivesOne()
    {
        var reference = await FileAsync(app.CreateClient(), Complaint(NewPhone(), category: "missing-person", incidentAt: app.Now.AddHours(-1)));
        var sho = await app.SignInWithNextCodeAsync("sho");
        await OkAsync(await AssignAsync(sho, reference, officer: "sho"));
        await OkAsync(await sho.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct));

        (await ComplaintAsync(reference)).StageDueAt.ShouldBe(app.Now.AddHours(48));
    }

    private Task<StationComplaint> ComplaintAsync(string reference) =>
        app.WithDbAsync(db => db.Set<StationComplaint>().AsNoTracking().SingleAsync(c => c.Reference == reference, Ct));

    private Task<List<string>> AlertsAsync(string reference) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(reference))
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Recipient).ToListAsync(Ct));

    private async Task<int> EscalateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EscalateOverdueComplaintsHandler>().RunAsync(500, Ct);
    }
}

public sealed class ComplaintClockTests_Sqlite(FakeClockSqliteApp app) : ComplaintClockTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class ComplaintClockTests_Postgres(FakeClockPostgresApp app) : ComplaintClockTests(app), IClassFixture<FakeClockPostgresApp>;
