using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>The public service-delivery page shows the complaint modules' non-sensitive figures beside the service centres' (issue 16, item 6).</summary>
public abstract partial class PublicFiguresTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServiceDeliveryPage_ShowsComplaintFigures_ButNoOverdueCountsNoRecordAndNoPerson()
    {
        await PoliceComplaints.PoliceComplaintFixtures.SubmitAsync(app, "LHR-PS01", NewPhone()); // so that the complaint centre has a figure to show
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), Complaint(phone));
        var sho = await app.SignInAsync("sho");
        await OkAsync(await AssignAsync(sho, reference, officer: "sho"));
        await OkAsync(await sho.PostAsync($"/api/v1/complaints/{reference}/inquiry", null, Ct));
        await OkAsync(await sho.PostAsJsonAsync($"/api/v1/complaints/{reference}/disposal", new { outcome = "Resolved", note = "Settled." }, Ct));
        await OkAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/complaints/{reference}/rating", new { phone, rating = 5 }, Ct));

        foreach (var path in new[] { "/service-delivery", "/service-delivery/LHR" })
        {
            var response = await app.CreateClient().GetAsync(path, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var page = await response.Content.ReadAsStringAsync(Ct);

            page.ShouldContain("id=\"module-front-desk\"", customMessage: path);
            page.ShouldContain("Complaints at police stations", customMessage: path);
            foreach (var metric in new[] { "station_complaints_received", "station_complaints_disposed" })
            {
                var value = FigureOf(page, metric);
                value.ShouldNotBeNull($"{path}: {metric}");
                int.Parse(value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1, $"{path}: {metric}");
            }

            FigureOf(page, "station_complaint_deadline_kept_percent").ShouldNotBeNull(path);
            FigureOf(page, "station_complaint_satisfied_percent").ShouldNotBeNull(path);
            foreach (var hidden in new[] { "station_complaints_overdue", "station_visitors", "police_complaints_overdue", "police_complaints_proved_false" })
            {
                page.ShouldNotContain($"data-metric=\"{hidden}\"", customMessage: path);
            }

            page.ShouldNotContain(reference);
            page.ShouldNotContain(phone);
            page.ShouldNotContain("Test Complainant");
        }

        var forceWide = await app.CreateClient().GetStringAsync("/service-delivery", Ct);
        forceWide.ShouldContain("id=\"module-police-complaints\"");
        FigureOf(forceWide, "police_complaints_received").ShouldNotBeNull();
        FigureOf(forceWide, "police_complaints_resolved").ShouldNotBeNull();

        // The complaint centre counts at its own unit, not at the districts: no zeros that read as "nobody complained here".
        (await app.CreateClient().GetStringAsync("/service-delivery/LHR", Ct)).ShouldNotContain("id=\"module-police-complaints\"");
    }

    private static string? FigureOf(string page, string metric) =>
        Figure().Matches(page).FirstOrDefault(m => m.Groups["metric"].Value == metric)?.Groups["value"].Value;

    [GeneratedRegex("""data-metric="(?<metric>[a-z_]+)"><div>[^<]*</div><div class="figure-value">(?<value>[^<]*)</div>""")]
    private static partial Regex Figure();
}

public sealed class PublicFiguresTests_Sqlite(SqliteApp app) : PublicFiguresTests(app);

public sealed class PublicFiguresTests_Postgres(PostgresApp app) : PublicFiguresTests(app);
