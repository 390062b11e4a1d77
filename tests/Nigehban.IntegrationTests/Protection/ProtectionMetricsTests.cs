using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Features.Protection.EscalateOverdueReferrals;
using Nigehban.Web.Platform.Forces;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>The protection figures: counted by group at the centre, shown as "&lt;5" below five, exact against a recount, no records listed.</summary>
public abstract class ProtectionMetricsTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SmallCountsShowAsUnderFive_LargerOnesExactly_AndVerifyFindsNoDifference()
    {
        var centre = app.Demo("protection").Unit;
        var protection = await app.SignInWithNextCodeAsync("protection");
        var first = await OpenAsync(protection, Case(centre, "Generated Metric Person", groups: ["transgender", "woman"]));
        for (var i = 0; i < 5; i++)
        {
            await OpenAsync(protection, Case(centre, "Generated Metric Person " + i, groups: ["woman"]));
        }

        (await protection.PutAsJsonAsync($"/api/v1/protection-cases/{first}/closure", new { satisfaction = "Satisfied" }, Ct)).EnsureSuccessStatusCode();
        (await protection.PostAsJsonAsync($"/api/v1/protection-cases/{first}/referrals", new { partner = "bar-legal-aid", need = "legal-aid" }, Ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        var second = await OpenAsync(protection, Case(centre, "Generated Metric Referred", groups: ["elderly"]));
        (await protection.PostAsJsonAsync($"/api/v1/protection-cases/{second}/referrals", new { partner = "bar-legal-aid", need = "legal-aid" }, Ct)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(49));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<EscalateOverdueReferralsHandler>().RunAsync(500, Ct)).ShouldBe(1);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
        }

        var viewer = await app.SignInWithNextCodeAsync("dpo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, app.Services.GetRequiredService<ForcePack>().TimeZone).DateTime);
        var period = $"from={today.AddDays(-4):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var summary = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={centre}&{period}", Ct);
        var metrics = summary.GetProperty("metrics");
        metrics.GetProperty(ProtectionMetrics.Opened).GetDouble().ShouldBe(7);
        metrics.GetProperty(ProtectionMetrics.Closed).GetString().ShouldBe("<5");
        metrics.GetProperty(ProtectionReferralMetrics.Overdue).GetDouble().ShouldBe(1);
        metrics.GetProperty(ProtectionMetrics.OpenedByNeed).GetDouble().ShouldBe(7);
        // One person asked, and satisfied: a share of fewer than five people is not shown.
        metrics.GetProperty(ProtectionMetrics.Satisfied).GetString().ShouldBe("<5");
        var byNeed = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/breakdown?unit={centre}&{period}&metric={ProtectionMetrics.OpenedByNeed}", Ct);
        var needs = byNeed.EnumerateArray().ToDictionary(r => r.GetProperty("dimension").GetString()!, r => r.GetProperty("value").ToString());
        needs["shelter"].ShouldBe("7");
        needs["legal-aid"].ShouldBe("7");

        var records = await viewer.GetAsync($"/api/v1/dashboard/records?unit={centre}&{period}&metric={ProtectionMetrics.Opened}", Ct);
        (await records.Content.ReadAsStringAsync(Ct)).ShouldNotContain(first);
    }
}

public sealed class ProtectionMetricsTests_Sqlite(FakeClockSqliteApp app) : ProtectionMetricsTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class ProtectionMetricsTests_Postgres(FakeClockPostgresApp app) : ProtectionMetricsTests(app), IClassFixture<FakeClockPostgresApp>;
