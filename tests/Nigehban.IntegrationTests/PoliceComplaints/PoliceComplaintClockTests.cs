using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.PoliceComplaints;
using Nigehban.Web.Features.PoliceComplaints.EscalateOverdueComplaints;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.PoliceComplaints.PoliceComplaintFixtures;

namespace Nigehban.IntegrationTests.PoliceComplaints;

/// <summary>The first-call and reply clocks, moved with the app's <see cref="TimeProvider"/>.</summary>
public abstract class PoliceComplaintClockTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("illegal-detention", 24)]
    [InlineData("bribe-demand", 24)]
    [InlineData("non-registration-of-fir", 72)]
    [InlineData("arrest-of-innocent", 72)]
    [InlineData("slackness", 336)]
    [InlineData("other", 336)]
    public async Task ReplyClock_IsThePacksForTheType_AndTheFirstCallIsDueIn8Hours(string type, int hours)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/police-complaints", Complaint(app.Demo("frontdesk").Unit, NewPhone(), type), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        (body.GetProperty("replyDueAt").GetDateTimeOffset() - app.Now).ShouldBe(TimeSpan.FromHours(hours));
        (body.GetProperty("firstCallDueAt").GetDateTimeOffset() - app.Now).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public async Task MissedFirstCall_IsOverdueAfter8Hours_EscalatedOnce_AndShownOnTheBoard()
    {
        var reference = await SubmitAsync(app, app.Demo("frontdesk").Unit, NewPhone(), type: "other");
        app.Clock.Advance(TimeSpan.FromHours(7));
        await EscalateAsync();
        (await StoredAsync(reference)).BreachedAt.ShouldBeNull();

        app.Clock.Advance(TimeSpan.FromHours(2));
        await EscalateAsync();
        await EscalateAsync();
        (await StoredAsync(reference)).BreachedAt.ShouldBe(app.Now);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(reference), Ct))).ShouldBe(1);

        var centre = await app.SignInWithNextCodeAsync("centre");
        var overdue = await centre.GetFromJsonAsync<JsonElement>("/api/v1/police-complaints?overdue=true&pageSize=100", Ct);
        overdue.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("reference").GetString() == reference && i.GetProperty("overdue").GetBoolean());
        var board = await centre.GetFromJsonAsync<JsonElement>("/api/v1/police-complaints/board", Ct);
        board.GetProperty("overdue").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task CallInTime_ButNoReplyWithin24Hours_IsOverdue()
    {
        var reference = await SubmitAsync(app, app.Demo("frontdesk").Unit, NewPhone(), type: "bribe-demand");
        var centre = await app.SignInWithNextCodeAsync("centre");
        (await AssignAsync(centre, reference, app.Demo("sdpo").UserName)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(2));
        // Signed in after the clock moved: a session idle for two hours has ended.
        var sdpo = await app.SignInWithNextCodeAsync("sdpo");
        (await sdpo.PostAsJsonAsync($"/api/v1/police-complaints/{reference}/calls", new { note = "Called." }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(21));
        await EscalateAsync();
        (await StoredAsync(reference)).BreachedAt.ShouldBeNull();

        app.Clock.Advance(TimeSpan.FromHours(2));
        await EscalateAsync();
        (await StoredAsync(reference)).BreachedAt.ShouldNotBeNull();
    }

    private async Task EscalateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalateOverdueComplaintsHandler>().RunAsync(500, Ct);
    }

    private Task<PoliceComplaint> StoredAsync(string reference) =>
        app.WithDbAsync(db => db.Set<PoliceComplaint>().AsNoTracking().SingleAsync(c => c.Reference == reference, Ct));
}

public sealed class PoliceComplaintClockTests_Sqlite(FakeClockSqliteApp app) : PoliceComplaintClockTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class PoliceComplaintClockTests_Postgres(FakeClockPostgresApp app) : PoliceComplaintClockTests(app), IClassFixture<FakeClockPostgresApp>;
