using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Protection.EscalateOverdueReferrals;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>The centre in-charge's board (ADR-075): counts, late referrals with their escalations and break-glass reads, never the person.</summary>
public abstract class ProtectionBoardTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheInCharge_SeesTheCentresCounts_LateReferrals_AndBreakGlassReads_ButNobodysName()
    {
        var centre = app.Demo("protection").Unit;
        var desk = await app.SignInWithNextCodeAsync("protection");
        var name = Canary("BoardName");
        var referred = await OpenAsync(desk, Case(centre, name, groups: ["woman"]));
        await OpenAsync(app.CreateClient(), Case(centre, null, anonymous: true, groups: ["elderly"]));
        (await desk.PostAsJsonAsync($"/api/v1/protection-cases/{referred}/referrals", new { partner = "women-shelter", need = "shelter" }, Ct)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromHours(80));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<EscalateOverdueReferralsHandler>().RunAsync(500, Ct)).ShouldBeGreaterThanOrEqualTo(1);
        }

        var admin = await app.SignInWithNextCodeAsync("admin");
        var colleague = await SignInAsync(app, await NewStaffAsync(app, admin, Roles.ProtectionOfficer, centre));
        (await colleague.PostAsJsonAsync($"/api/v1/protection-cases/{referred}/break-glass",
            new { reason = "Generated reason: the assigned officer is away and the person called" }, Ct)).EnsureSuccessStatusCode();

        var inCharge = await app.SignInWithNextCodeAsync("sho");
        var response = await inCharge.GetAsync("/api/v1/protection-board", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldNotContain(name);
        var board = JsonDocument.Parse(text).RootElement;
        var mine = board.GetProperty("centres").EnumerateArray().Single(c => c.GetProperty("centre").GetString() == centre);
        mine.GetProperty("openWaiting").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        mine.GetProperty("openInHand").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        mine.GetProperty("followUpsOverdue").GetInt32().ShouldBeGreaterThanOrEqualTo(1); // the first call was due after 72 hours
        var late = mine.GetProperty("lateReferrals").EnumerateArray().Single(r => r.GetProperty("caseReference").GetString() == referred);
        late.GetProperty("partner").GetString().ShouldBe("women-shelter");
        late.GetProperty("acknowledgementEscalatedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var glass = mine.GetProperty("breakGlassReads").EnumerateArray().Single(b => b.GetProperty("caseReference").GetString() == referred);
        glass.GetProperty("officer").GetString().ShouldStartWith("p-");
        board.GetProperty("centres").EnumerateArray().Select(c => c.GetProperty("centre").GetString()).ShouldNotContain("SKP-PS01");

        var audited = await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "protection-board.read", Ct));
        audited.ShouldBeGreaterThanOrEqualTo(1);

        // A protection officer works cases but does not supervise the station: the board is not theirs.
        (await colleague.GetAsync("/api/v1/protection-board", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class ProtectionBoardTests_Sqlite(FakeClockSqliteApp app) : ProtectionBoardTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class ProtectionBoardTests_Postgres(FakeClockPostgresApp app) : ProtectionBoardTests(app), IClassFixture<FakeClockPostgresApp>;
