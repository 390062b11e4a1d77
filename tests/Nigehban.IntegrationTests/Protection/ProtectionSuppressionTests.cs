using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.Web.Features.Protection;
using Nigehban.Web.Platform.Forces;
using Shouldly;
using static Nigehban.IntegrationTests.Protection.ProtectionFixtures;

namespace Nigehban.IntegrationTests.Protection;

/// <summary>
/// Complementary suppression (ADR-073): a lone "&lt;5" in a breakdown, a sub-unit table, a series or an
/// export never stands beside figures that give it away as the total minus the others.
/// </summary>
public abstract class ProtectionSuppressionTests(FakeClockApp app)
{
    private const string Busy = "LHR-PS01";
    private const string Quiet = "LHR-PS02";
    private const string Circle = "LHR-C1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALoneSmallCell_HidesTheNextSmallest_InSubUnits_Breakdowns_Series_AndExports()
    {
        // A day of its own, well after anything the demo opened.
        app.Clock.Advance(TimeSpan.FromDays(40));
        var protection = await app.SignInWithNextCodeAsync("protection");
        for (var i = 0; i < 4; i++)
        {
            await OpenAsync(protection, Case(Busy, "Generated Suppression Person " + i, groups: ["woman"]));
        }

        for (var i = 0; i < 2; i++)
        {
            await OpenAsync(protection, Case(Busy, "Generated Suppression Other " + i, groups: ["woman", "transgender"]));
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        await OpenAsync(app.CreateClient(), Case(Quiet, null, anonymous: true, groups: ["elderly"]));
        await OpenAsync(app.CreateClient(), Case(Quiet, null, anonymous: true, groups: ["elderly"]));

        var viewer = await app.SignInWithNextCodeAsync("dpo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, app.Services.GetRequiredService<ForcePack>().TimeZone).DateTime);
        var period = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}";

        // The circle: 8 in all, 6 at the busy centre, 2 at the quiet one: 8 − 6 would give the 2 away.
        var summary = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={Circle}&{period}", Ct);
        summary.GetProperty("metrics").GetProperty(ProtectionMetrics.Opened).GetDouble().ShouldBe(8);
        var children = summary.GetProperty("children").EnumerateArray()
            .ToDictionary(c => c.GetProperty("unit").GetString()!, c => c.GetProperty("metrics").GetProperty(ProtectionMetrics.Opened).ToString());
        children[Quiet].ShouldBe("<5");
        children[Busy].ShouldBe("hidden");
        children["LHR-PS03"].ShouldBe("0");

        // By group at the busy centre: woman 6, transgender 2 (each case once under each of its groups).
        var byGroup = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/breakdown?unit={Busy}&{period}&metric={ProtectionMetrics.Opened}", Ct);
        var groups = byGroup.EnumerateArray().ToDictionary(r => r.GetProperty("dimension").GetString()!, r => r.GetProperty("value").ToString());
        groups["transgender"].ShouldBe("<5");
        groups["woman"].ShouldBe("hidden");

        // By day at the circle: 6 then 2.
        var series = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/series?unit={Circle}&{period}&interval=day", Ct);
        var days = series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("metrics").GetProperty(ProtectionMetrics.Opened).ToString()).ToList();
        days.ShouldBe(["hidden", "<5"]);

        // The download holds what the page holds: no figure for either centre.
        var csv = Encoding.UTF8.GetString(await viewer.GetByteArrayAsync($"/api/v1/dashboard/exports/children?unit={Circle}&{period}&format=csv", Ct));
        var busyRow = csv.Split('\n').Single(l => l.Contains(Busy, StringComparison.Ordinal));
        busyRow.ShouldNotContain(",6");
    }

    [Fact]
    public async Task ADistrictsProtectionFigures_ListEachOfItsCentres()
    {
        app.Clock.Advance(TimeSpan.FromDays(80));
        var protection = await app.SignInWithNextCodeAsync("protection");
        for (var i = 0; i < 6; i++)
        {
            await OpenAsync(protection, Case(Busy, "Generated Centre Person " + i, groups: ["woman"]));
        }

        for (var i = 0; i < 5; i++)
        {
            await OpenAsync(app.CreateClient(), Case(Quiet, null, anonymous: true, groups: ["religious-minority"]));
        }

        var viewer = await app.SignInWithNextCodeAsync("dpo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, app.Services.GetRequiredService<ForcePack>().TimeZone).DateTime);
        var period = $"from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var centres = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/unit-sets/protection-centres?unit=LHR&{period}", Ct);
        var rows = centres.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("unit").GetString()!);
        rows.Keys.Order().ShouldBe([Busy, Quiet]); // Sheikhupura's centre is another district's
        rows[Busy].GetProperty("kind").GetString().ShouldBe("tahaffuz");
        rows[Quiet].GetProperty("kind").GetString().ShouldBe("meesaq");
        rows[Busy].GetProperty("name").GetString().ShouldBe("Tahaffuz Markaz, Lahore");
        rows[Busy].GetProperty("metrics").GetProperty(ProtectionMetrics.Opened).GetDouble().ShouldBe(6);
        rows[Quiet].GetProperty("metrics").GetProperty(ProtectionMetrics.Opened).GetDouble().ShouldBe(5);
        centres.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()).ShouldContain(ProtectionMetrics.Satisfied);
        centres.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()).ShouldNotContain("service_requests_received");

        var unknown = await viewer.GetAsync($"/api/v1/dashboard/unit-sets/no-such-set?unit=LHR&{period}", Ct);
        unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await FieldOfAsync(unknown)).ShouldBe("set");
    }
}

public sealed class ProtectionSuppressionTests_Sqlite(FakeClockSqliteApp app) : ProtectionSuppressionTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class ProtectionSuppressionTests_Postgres(FakeClockPostgresApp app) : ProtectionSuppressionTests(app), IClassFixture<FakeClockPostgresApp>;
