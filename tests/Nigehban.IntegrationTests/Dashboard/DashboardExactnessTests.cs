using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Audit;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.IntegrationTests.Dashboard;

/// <summary>
/// Random writes (new records, status changes, backdating, records moved between stations,
/// deletions, queue tokens, unit moves) and after each round every summary asked for equals a
/// count over the raw rows made here, independently of the rollup code; verify agrees; a
/// corrupted row is reported and rebuild repairs it.
/// </summary>
public abstract class DashboardExactnessTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Services = ["character-certificate", "police-verification", "employee-registration", "domestic-servant-registration"];
    private static readonly string[] Stations = ["LHR-PS01", "LHR-PS02", "LHR-PS03", "LHR-PS04", "SKP-PS01", "SKP-PS02", "SKP-PS05", "LHR-C1", "LHR"];
    private static readonly string[] AskedUnits = ["PB", "RGN-LHR", "RGN-SKP", "LHR", "SKP", "LHR-C1", "LHR-C2", "SKP-C1", "LHR-PS03", "SKP-PS01"];
    private static readonly DateOnly WindowStart = new(2026, 1, 20);

    [Fact]
    public async Task Summaries_EqualRawCounts_AfterRandomWritesBackdatingAndUnitMoves()
    {
        await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["ServiceCentres:EscalationInterval"] = "1.00:00:00" });
        var ig = await app.SignInAsync("ig");
        var admin = await app.SignInAsync("admin");
        var random = new Random(4242 + (int)provider);
        var serial = 0;

        for (var round = 0; round < 4; round++)
        {
            for (var step = 0; step < 25; step++)
            {
                await RandomWriteAsync(app, random, () => ++serial);
            }

            // A real handler's write too: an application submitted over the API counts like any other.
            await ServiceCentreFixtures.SubmitAsync(app.CreateClient(), ServiceCentreFixtures.Application(ServiceCentreFixtures.NewCnic(), unit: "LHR-PS01"));

            if (round == 1)
            {
                await MoveAsync(admin, "LHR-PS03", "SKP-C1"); // a station to another district
            }
            else if (round == 2)
            {
                await MoveAsync(admin, "LHR-C2", "SKP"); // a subdivision with its stations
            }
            else if (round == 3)
            {
                await MoveAsync(admin, "LHR-PS03", "LHR-C1"); // and back
            }

            await AssertSummariesExactAsync(app, ig, random);
            (await VerifyAsync(app)).ShouldBeEmpty();
        }

        // Corrupt one row: verify names it; rebuild repairs it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE dashboard_rollups SET count = count + 7 WHERE unit_code = 'SKP' AND period = 1 AND metric = 'service_requests_received' AND dimension = ''", Ct));
        var differences = await VerifyAsync(app);
        differences.ShouldNotBeEmpty();
        differences.ShouldAllBe(d => d.Key.UnitCode == "SKP" && d.Stored.Count == d.Expected.Count + 7);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().RebuildAsync(Ct);
        }

        (await VerifyAsync(app)).ShouldBeEmpty();
        await AssertSummariesExactAsync(app, ig, random);
    }

    [Fact]
    public async Task RebuildAndVerify_CountRecordsOfUnitsTheDirectoryDoesNotKnow_AndReportStrayRows()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        var submitted = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

        // A record left at a unit code the directory no longer has (e.g. a unit dropped from the pack).
        await app.WithDbAsync(async db =>
        {
            var request = new ServiceRequest
            {
                Id = Guid.CreateVersion7(),
                Reference = "DX-ORPHAN",
                ServiceCode = Services[0],
                UnitCode = "ZZ-GONE",
                UnitPath = "/ZZ/ZZ-GONE/",
                Applicant = new Applicant { NationalId = ServiceCentreFixtures.NewCnic(), Name = "Generated Applicant" },
                FeeCurrency = "PKR",
                SubmittedAt = submitted,
                DueAt = submitted.AddDays(5),
            };
            request.RecordSubmission("test");
            db.Add(request);
            return await db.SaveChangesAsync(Ct);
        });
        (await VerifyAsync(app)).ShouldBeEmpty();

        // A row no record explains, at a code no record or unit has: verify names it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO dashboard_rollups (unit_code, period, period_start, metric, dimension, count, measure) VALUES ('ZZ-STRAY', 1, '2026-03-01', 'service_requests_received', '', 3, 0)", Ct));
        var differences = await VerifyAsync(app);
        differences.ShouldHaveSingleItem().Key.UnitCode.ShouldBe("ZZ-STRAY");
        differences[0].Expected.ShouldBe(default);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().RebuildAsync(Ct);
        }

        (await VerifyAsync(app)).ShouldBeEmpty();
        var orphanRows = await app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.UnitCode == "ZZ-GONE" && r.Metric == "service_requests_received" && r.Dimension == "").SumAsync(r => r.Count, Ct));
        orphanRows.ShouldBe(2, "one day row and one month row of the orphan record survive the rebuild");
        (await app.WithDbAsync(db => db.Set<DashboardRollup>().CountAsync(r => r.UnitCode == "ZZ-STRAY", Ct))).ShouldBe(0);
    }

    private static async Task<IReadOnlyList<RollupDifference>> VerifyAsync(NigehbanApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RebuildDashboard>().VerifyAsync(Ct);
    }

    private static async Task MoveAsync(HttpClient admin, string unit, string parent)
    {
        var response = await admin.PutAsJsonAsync($"/api/v1/units/{unit}/parent", new { parentCode = parent }, Ct);
        ((int)response.StatusCode).ShouldBe(200, await response.Content.ReadAsStringAsync(Ct));
    }

    private static DateTimeOffset RandomInstant(Random random) =>
        new DateTimeOffset(WindowStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(random.Next(0, 100 * 24 * 60));

    private static async Task RandomWriteAsync(NigehbanApp app, Random random, Func<int> next)
    {
        var units = app.Services.GetRequiredService<UnitDirectory>();
        var action = random.Next(10);
        await app.WithDbAsync(async db =>
        {
            var existing = action >= 3 ? await db.Set<ServiceRequest>().Where(r => r.Reference.StartsWith("DX-")).OrderBy(r => r.Reference)
                .Skip(random.Next(0, 20)).FirstOrDefaultAsync(Ct) : null;
            if (existing is null || action < 3)
            {
                var station = units.Find(Stations[random.Next(Stations.Length)])!;
                var submitted = RandomInstant(random);
                var request = new ServiceRequest
                {
                    Id = Guid.CreateVersion7(),
                    Reference = $"DX-{next():D6}",
                    ServiceCode = Services[random.Next(Services.Length)],
                    UnitCode = station.Code,
                    UnitPath = station.Path,
                    Applicant = new Applicant { NationalId = ServiceCentreFixtures.NewCnic(), Name = "Generated Applicant" },
                    FeeCurrency = "PKR",
                    SubmittedAt = submitted,
                    DueAt = submitted.AddDays(random.Next(1, 10)),
                    RecordCheckHit = random.Next(4) == 0 ? true : null,
                };
                request.RecordSubmission("test");
                db.Add(request);
                if (random.Next(2) == 0)
                {
                    Advance(request, random);
                }
            }
            else
            {
                switch (action)
                {
                    case 3 or 4:
                        Advance(existing, random);
                        break;
                    case 5:
                        existing.SubmittedAt = existing.SubmittedAt.AddDays(-random.Next(1, 40)); // backdated
                        break;
                    case 6:
                        var to = units.Find(Stations[random.Next(Stations.Length)])!;
                        existing.UnitCode = to.Code; // handed to another station
                        existing.UnitPath = to.Path;
                        break;
                    case 7:
                        existing.BreachedAt ??= existing.DueAt.AddMinutes(random.Next(1, 600));
                        existing.RecordCheckHit = existing.RecordCheckHit == true ? false : true;
                        break;
                    case 8:
                        db.Remove(existing);
                        break;
                    default:
                        var issued = RandomInstant(random);
                        var station = units.Find(Stations[random.Next(Stations.Length)])!;
                        db.Add(new QueueToken
                        {
                            Id = Guid.CreateVersion7(),
                            UnitCode = station.Code,
                            UnitPath = station.Path,
                            Day = DateOnly.FromDateTime(issued.UtcDateTime),
                            Number = next(),
                            Status = TokenStatus.Called,
                            IssuedAt = issued,
                            CalledAt = random.Next(3) == 0 ? null : issued.AddMinutes(random.Next(0, 90)),
                        });
                        break;
                }
            }

            return await db.SaveChangesAsync(Ct);
        });
    }

    /// <summary>One or more legal steps forward, or a rejection, at a later random time.</summary>
    private static void Advance(ServiceRequest request, Random random)
    {
        var at = request.SubmittedAt.AddMinutes(random.Next(10, 20 * 24 * 60));
        if (!request.IsOpen)
        {
            return;
        }

        if (random.Next(4) == 0 && request.CanMoveTo(ServiceRequestStatus.Rejected))
        {
            request.MoveTo(ServiceRequestStatus.Rejected, "test", at, "not eligible");
            return;
        }

        foreach (var status in new[] { ServiceRequestStatus.DocumentsChecked, ServiceRequestStatus.RecordChecked, ServiceRequestStatus.Approved, ServiceRequestStatus.Issued })
        {
            if (request.CanMoveTo(status))
            {
                request.MoveTo(status, "test", at);
                if (random.Next(3) == 0)
                {
                    return;
                }
            }
        }
    }

    private static async Task AssertSummariesExactAsync(NigehbanApp app, HttpClient ig, Random random)
    {
        var zone = app.Services.GetRequiredService<ForcePack>().TimeZone;
        var units = app.Services.GetRequiredService<UnitDirectory>();
        var requests = await app.WithDbAsync(db => db.Set<ServiceRequest>().AsNoTracking().IgnoreQueryFilters().ToListAsync(Ct));
        var tokens = await app.WithDbAsync(db => db.Set<QueueToken>().AsNoTracking().IgnoreQueryFilters().ToListAsync(Ct));
        DateOnly Local(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);

        var ranges = new List<(DateOnly, DateOnly)>
        {
            (new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31)), // whole months
            (new DateOnly(2025, 11, 1), new DateOnly(2026, 12, 31)),
        };
        for (var i = 0; i < 3; i++)
        {
            var from = WindowStart.AddDays(random.Next(-45, 100));
            ranges.Add((from, from.AddDays(random.Next(0, 120))));
        }

        foreach (var code in AskedUnits)
        {
            var unit = units.Find(code)!;
            foreach (var (from, to) in ranges)
            {
                bool Under(string unitCode) => units.Find(unitCode)?.Path.StartsWith(unit.Path, StringComparison.Ordinal) == true;
                bool In(DateOnly d) => d >= from && d <= to;
                var mine = requests.Where(r => Under(r.UnitCode)).ToList();
                var delivered = mine.Where(r => r.Status == ServiceRequestStatus.Issued && In(Local(r.ClosedAt!.Value))).ToList();
                var called = tokens.Where(t => Under(t.UnitCode) && In(t.Day) && t.CalledAt is not null).ToList();
                var expected = new Dictionary<string, double?>
                {
                    ["service_requests_received"] = mine.Count(r => In(Local(r.SubmittedAt))),
                    ["service_requests_delivered"] = delivered.Count,
                    ["service_requests_rejected"] = mine.Count(r => r.Status == ServiceRequestStatus.Rejected && In(Local(r.ClosedAt!.Value))),
                    ["service_requests_overdue"] = mine.Count(r => r.BreachedAt is { } b && In(Local(b))),
                    ["service_deadline_kept_percent"] = delivered.Count == 0 ? null : 100.0 * delivered.Count(r => r.ClosedAt <= r.DueAt) / delivered.Count,
                    ["service_turnaround_minutes"] = delivered.Count == 0 ? null : delivered.Average(r => Math.Floor((r.ClosedAt!.Value - r.SubmittedAt).TotalMinutes)),
                    ["tokens_issued"] = tokens.Count(t => Under(t.UnitCode) && In(t.Day)),
                    ["token_waiting_minutes"] = called.Count == 0 ? null : called.Average(t => Math.Floor((t.CalledAt!.Value - t.IssuedAt).TotalMinutes)),
                    ["watchlist_hits"] = mine.Count(r => r.RecordCheckHit == true && In(Local(r.SubmittedAt))),
                };

                if (code == "PB" && from == new DateOnly(2025, 11, 1)) // the wide range: every generated record falls in it
                {
                    expected["service_requests_received"].ShouldNotBeNull().ShouldBeGreaterThan(0, "the sequence wrote records");
                    expected["service_requests_delivered"].ShouldNotBeNull().ShouldBeGreaterThan(0);
                }

                var url = string.Create(CultureInfo.InvariantCulture, $"/api/v1/dashboard/summary?unit={code}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
                var summary = await ig.GetFromJsonAsync<JsonElement>(url, Ct);
                var metrics = summary.GetProperty("metrics");
                foreach (var (key, value) in expected)
                {
                    var actual = metrics.GetProperty(key);
                    var because = $"{key} of {code} over {from:yyyy-MM-dd}..{to:yyyy-MM-dd}";
                    if (key == "watchlist_hits" && value is > 0 and < 5)
                    {
                        actual.GetString().ShouldBe("<5", because);
                    }
                    else if (value is null)
                    {
                        actual.ValueKind.ShouldBe(JsonValueKind.Null, because);
                    }
                    else
                    {
                        actual.GetDouble().ShouldBe(Math.Round(value.Value, 2), 0.0001, because);
                    }
                }

                // The records behind each count are exactly the records counted (drill-through).
                var behind = new Dictionary<string, IEnumerable<ServiceRequest>>
                {
                    ["service_requests_received"] = mine.Where(r => In(Local(r.SubmittedAt))),
                    ["service_requests_delivered"] = delivered,
                    ["service_requests_rejected"] = mine.Where(r => r.Status == ServiceRequestStatus.Rejected && In(Local(r.ClosedAt!.Value))),
                    ["service_requests_overdue"] = mine.Where(r => r.BreachedAt is { } b && In(Local(b))),
                    ["service_deadline_kept_percent"] = delivered, // averages list what they average over
                    ["service_turnaround_minutes"] = delivered,
                };
                foreach (var (key, records) in behind)
                {
                    var want = records.Select(r => r.Reference).Order(StringComparer.Ordinal).ToList();
                    var listed = new List<string>();
                    for (var page = 1; ; page++)
                    {
                        var list = await ig.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture,
                            $"/api/v1/dashboard/records?unit={code}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&metric={key}&pageSize=100&page={page}"), Ct);
                        list.GetProperty("totalCount").GetInt32().ShouldBe(want.Count, $"records behind {key} of {code}");
                        listed.AddRange(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!));
                        if (page * 100 >= want.Count)
                        {
                            break;
                        }
                    }

                    listed.Order(StringComparer.Ordinal).ToList()
                        .ShouldBe(want, customMessage: $"records behind {key} of {code} over {from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
                }

                // Children are the direct sub-units, each with its own figures.
                var children = summary.GetProperty("children").EnumerateArray().ToList();
                children.Select(c => c.GetProperty("unit").GetString()).ShouldBe(units.ChildrenOf(code).Select(c => c.Code), ignoreOrder: true);
                foreach (var child in children)
                {
                    var childUnit = units.Find(child.GetProperty("unit").GetString())!;
                    var received = requests.Count(r => units.Find(r.UnitCode)?.Path.StartsWith(childUnit.Path, StringComparison.Ordinal) == true && In(Local(r.SubmittedAt)));
                    child.GetProperty("metrics").GetProperty("service_requests_received").GetDouble().ShouldBe(received, $"received of child {childUnit.Code}");
                }
            }
        }
    }
}

public sealed class DashboardExactnessTests_Sqlite() : DashboardExactnessTests(DatabaseProvider.Sqlite);

public sealed class DashboardExactnessTests_Postgres() : DashboardExactnessTests(DatabaseProvider.Postgres);
