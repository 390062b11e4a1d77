using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// FIRs on the dashboard (issue 17, item 5): by crime head, equal to the raw rows at the station and
/// the district, drilled to the records, alerted live up the chain; and a second force registers
/// FIRs from its own catalogue. Each test runs on an app of its own, so no other test moves the counts.
/// </summary>
public abstract class FirDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task FirsByCrimeHead_EqualTheRawRows_AreDrilledToRecords_AndAlertedLive()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider);
        var alerts = new List<DashboardAlert>();
        using var subscription = app.Services.GetRequiredService<DashboardSignals>().Subscribe(a =>
        {
            lock (alerts)
            {
                alerts.Add(a);
            }

            return Task.CompletedTask;
        });
        var desk = await app.SignInAsync("frontdesk");
        string[][] registrations = [["PPC 392"], ["PPC 337-A", "PPC 302"], ["PPC 379"], ["PPC 379", "PPC 506"], ["CNSA 9(c)"]];
        var references = new List<string>();
        foreach (var offences in registrations)
        {
            references.Add((await RegisterAsync(desk, Fir(NewPhone(), offences: offences))).GetProperty("reference").GetString()!);
        }

        var raw = await app.WithDbAsync(db => db.Set<Fir>().GroupBy(f => f.CrimeHead).Select(g => new { Head = g.Key, Count = g.Count() }).ToListAsync(Ct));
        raw.ToDictionary(r => r.Head, r => r.Count).ShouldBe(new Dictionary<string, int> { ["robbery"] = 1, ["murder"] = 1, ["other-theft"] = 2, ["narcotics"] = 1 }, ignoreOrder: true);
        var dpo = await app.SignInAsync("dpo");
        foreach (var unit in new[] { "LHR-PS01", "LHR" })
        {
            var summary = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/summary?unit={unit}", Ct);
            summary.GetProperty("metrics").GetProperty(FirMetrics.Registered).GetDouble().ShouldBe(raw.Sum(r => r.Count));
            var breakdown = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/breakdown?unit={unit}&metric={FirMetrics.Registered}", Ct);
            breakdown.EnumerateArray().ToDictionary(b => b.GetProperty("dimension").GetString()!, b => (int)b.GetProperty("value").GetDouble())
                .ShouldBe(raw.ToDictionary(r => r.Head, r => r.Count), ignoreOrder: true);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, app.Services.GetRequiredService<Nigehban.Web.Platform.Forces.ForcePack>().TimeZone).DateTime);
        var murders = await dpo.GetFromJsonAsync<JsonElement>($"/api/v1/dashboard/records?unit=LHR&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&metric={FirMetrics.Registered}&dimension=murder", Ct);
        murders.GetProperty("totalCount").GetInt32().ShouldBe(1);
        murders.GetProperty("items")[0].GetProperty("reference").GetString().ShouldBe(references[1]);
        murders.GetProperty("items")[0].GetProperty("page").GetString().ShouldBe($"/console/firs/{references[1]}");

        // Every registration reached the station's chain live (the hub sends an alert to every unit above its path).
        var alerted = await Audit.Eventually.ValueAsync(() =>
        {
            lock (alerts)
            {
                return Task.FromResult(references.All(r => alerts.Any(a => a.Metric == FirMetrics.Registered && a.Reference == r && a.UnitCode == "LHR-PS01" && a.UnitPath.StartsWith("/PB/", StringComparison.Ordinal))));
            }
        }, found => found);
        alerted.ShouldBeTrue();

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rwanda_RegistersFirsFromItsOwnCatalogue_AndTextsInKinyarwanda()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var sector = app.Demo("frontdesk").Unit;
        var phone = "+25078" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var desk = await app.SignInAsync("frontdesk");

        var fir = await RegisterAsync(desk, Fir(phone, unit: sector, offences: ["L68/2018 art. 168"], language: "rw"));

        fir.GetProperty("crimeHead").GetString().ShouldBe("robbery");
        var sms = JsonDocument.Parse((await SmsToAsync(app, phone)).ShouldHaveSingleItem()).RootElement.GetProperty("text").GetString()!;
        sms.ShouldContain("Ikirego FIR " + fir.GetProperty("firNumber").GetString());
        // A section of another force's catalogue is not an offence here.
        (await FieldOfAsync(await FirFixtures.PostAsync(desk, Fir(NewPhone(), unit: sector, offences: ["PPC 392"])), 400)).ShouldBe("offences[0]");
        var catalogue = await OkAsync(await desk.GetAsync("/api/v1/firs/offences", Ct));
        catalogue.GetProperty("crimeHeads")[0].GetProperty("code").GetString().ShouldBe("murder");
    }
}

public sealed class FirDashboardTests_Sqlite : FirDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class FirDashboardTests_Postgres : FirDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
