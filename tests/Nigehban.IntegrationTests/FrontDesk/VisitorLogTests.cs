using System.Net;
using System.Net.Http.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>The station's visitor log and its day at a glance (issue 16, item 1).</summary>
public abstract class VisitorLogTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Desk_LogsAVisitorAndTheirDeparture_AndTheDayCountsThemByPurpose()
    {
        var desk = await app.SignInAsync("frontdesk");
        var before = await OkAsync(await desk.GetAsync("/api/v1/stations/LHR-PS01/visits?pageSize=100", Ct));
        var firCopiesBefore = before.GetProperty("byPurpose").TryGetProperty("fir-copy", out var n) ? n.GetInt32() : 0;

        var logged = await desk.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits", new { name = "Test Visitor", phone = "+92 300 0000001", purpose = "fir-copy", saw = "Moharrir" }, Ct);
        var body = await logged.Content.ReadAsStringAsync(Ct);
        logged.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();

        var day = await OkAsync(await desk.GetAsync("/api/v1/stations/LHR-PS01/visits?pageSize=100", Ct));
        day.GetProperty("visitors").GetInt32().ShouldBe(before.GetProperty("visitors").GetInt32() + 1);
        day.GetProperty("byPurpose").GetProperty("fir-copy").GetInt32().ShouldBe(firCopiesBefore + 1);
        day.GetProperty("visits").GetProperty("items").EnumerateArray().ShouldContain(v => v.GetProperty("id").GetGuid() == id && v.GetProperty("purpose").GetString() == "Copy of an FIR");

        var left = await OkAsync(await desk.PostAsync($"/api/v1/stations/LHR-PS01/visits/{id}/departure", null, Ct));
        left.GetProperty("departedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
        await FieldOfAsync(await desk.PostAsync($"/api/v1/stations/LHR-PS01/visits/{id}/departure", null, Ct), 409);
        (await OkAsync(await desk.GetAsync("/api/v1/stations/LHR-PS01/visits?pageSize=100", Ct))).GetProperty("stillInside").GetInt32()
            .ShouldBe(day.GetProperty("stillInside").GetInt32() - 1);
    }

    [Fact]
    public async Task VisitorLog_RefusesBadInput_AndIs404OutsideTheJurisdiction()
    {
        var desk = await app.SignInAsync("frontdesk");
        (await FieldOfAsync(await desk.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits", new { name = "Test Visitor", purpose = "sightseeing" }, Ct), 400)).ShouldBe("purpose");
        (await FieldOfAsync(await desk.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits", new { purpose = "inquiry" }, Ct), 400)).ShouldBe("name");
        (await FieldOfAsync(await desk.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits", new { name = "Test Visitor", purpose = "inquiry", phone = "x" }, Ct), 400)).ShouldBe("phone");

        var everything = await desk.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits",
            new { purpose = "sightseeing", phone = "x", complaintReference = "not-a-reference", arrivedAt = DateTimeOffset.UtcNow.AddHours(2) }, Ct);
        var problem = await everything.Content.ReadAsStringAsync(Ct);
        ((int)everything.StatusCode).ShouldBe(400, problem);
        System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["purpose", "arrivedAt", "name", "phone", "complaintReference"], ignoreOrder: true);

        var other = await app.SignInAsync("frontdesk2");
        (await FieldOfAsync(await other.PostAsJsonAsync("/api/v1/stations/LHR-PS01/visits", new { name = "Test Visitor", purpose = "inquiry" }, Ct), 404)).ShouldBe("unit");
        (await other.GetAsync("/api/v1/stations/LHR-PS01/visits", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/v1/stations/LHR-PS01/visits/{Guid.NewGuid()}/departure", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class VisitorLogTests_Sqlite(SqliteApp app) : VisitorLogTests(app);

public sealed class VisitorLogTests_Postgres(PostgresApp app) : VisitorLogTests(app);
