using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.PoliceComplaints.PoliceComplaintFixtures;

namespace Nigehban.IntegrationTests.PoliceComplaints;

/// <summary>
/// Secrecy: the station complained about (its desk, its investigating officer, its SHO), the
/// district above it, and the officer complained about find the complaint by no route — 404 on each
/// of its operations, absent from lists and from the dashboard's records. The centre sees it all;
/// the inquiring officer sees it by assignment.
/// </summary>
public abstract class PoliceComplaintSecrecyTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Operations = ["GET {0}", "PUT {0}/assignment", "POST {0}/calls", "PUT {0}/reply", "PUT {0}/closure"];

    [Fact]
    public async Task TheStationAndTheAccusedOfficer_FindTheComplaintByNoRoute()
    {
        var station = app.Demo("frontdesk").Unit;
        // The officer complained about is identified as the district's DPO: a senior officer who would otherwise qualify to inquire.
        var reference = await SubmitAsync(app, station, NewPhone(), await app.SignInAsync("centre"), accusedOfficerUserName: app.Demo("dpo").UserName);
        var centre = await app.SignInAsync("centre");
        var accusedAssigned = await AssignAsync(centre, reference, app.Demo("dpo").UserName);
        accusedAssigned.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await AssignAsync(centre, reference, app.Demo("sdpo").UserName)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var failures = new List<string>();
        foreach (var outsider in new[] { "frontdesk", "io", "sho", "dpo", "frontdesk2", "dpo2" })
        {
            var client = await app.SignInAsync(outsider);
            foreach (var operation in Operations)
            {
                var parts = operation.Split(' ');
                using var request = new HttpRequestMessage(new HttpMethod(parts[0]), string.Format(System.Globalization.CultureInfo.InvariantCulture, parts[1], $"/api/v1/police-complaints/{reference}"));
                if (parts[0] != "GET")
                {
                    request.Content = JsonContent.Create(new { officer = "sdpo", note = "x", reply = "x", finding = "Substantiated", reason = "x" });
                }

                using var response = await client.SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                {
                    failures.Add($"{outsider}: {operation} answered {(int)response.StatusCode}: {body}");
                }
            }

            var list = await client.GetAsync("/api/v1/police-complaints?pageSize=100", Ct);
            if (list.StatusCode == HttpStatusCode.OK && (await list.Content.ReadAsStringAsync(Ct)).Contains(reference, StringComparison.Ordinal))
            {
                failures.Add($"{outsider}: the list shows the complaint");
            }

            var records = await client.GetAsync(RecordsUrl(app.Demo(outsider).Unit), Ct);
            if ((await records.Content.ReadAsStringAsync(Ct)).Contains(reference, StringComparison.Ordinal))
            {
                failures.Add($"{outsider}: the dashboard's records show the complaint");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));

        // The control: the centre and the inquiring officer reach it.
        (await centre.GetAsync($"/api/v1/police-complaints/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await centre.GetAsync(RecordsUrl(app.Demo("centre").Unit), Ct)).Content.ReadAsStringAsync(Ct)).ShouldContain(reference);
        var sdpo = await app.SignInAsync("sdpo");
        (await sdpo.GetAsync($"/api/v1/police-complaints/{reference}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var assigned = await sdpo.GetFromJsonAsync<JsonElement>("/api/v1/police-complaints?pageSize=100", Ct);
        assigned.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ShouldContain(reference);
    }

    [Fact]
    public async Task TheStationsDashboard_CountsNoComplaintAgainstIt()
    {
        var station = app.Demo("frontdesk").Unit;
        var reference = await SubmitAsync(app, station, NewPhone());
        var sho = await app.SignInAsync("sho");
        var summary = await sho.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={station}&from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}", Ct);
        var metrics = summary.GetProperty("metrics");
        (metrics.TryGetProperty("police_complaints_received", out var received) ? received.GetDouble() : 0).ShouldBe(0);

        var centre = await app.SignInAsync("centre");
        var root = app.Demo("centre").Unit;
        var total = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={root}&from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}", Ct);
        total.GetProperty("metrics").GetProperty("police_complaints_received").GetDouble().ShouldBeGreaterThanOrEqualTo(1);
        reference.ShouldNotBeNull();
    }

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi")).DateTime);

    private static string RecordsUrl(string unit) =>
        $"/api/v1/dashboard/records?unit={unit}&from={Today.AddDays(-1):yyyy-MM-dd}&to={Today.AddDays(1):yyyy-MM-dd}&metric=police_complaints_received&pageSize=100";
}

public sealed class PoliceComplaintSecrecyTests_Sqlite(SqliteApp app) : PoliceComplaintSecrecyTests(app);

public sealed class PoliceComplaintSecrecyTests_Postgres(PostgresApp app) : PoliceComplaintSecrecyTests(app);
