using System.Net;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// The district officer's board (issue 17, item 4): every station of the district with its cases by
/// stage, as the station board counts them, and its detection and challan-in-time rates; an SHO sees
/// his station only; another district is 404; an IO has no board.
/// </summary>
public abstract class DistrictBoardTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Row(JsonElement board, string station) =>
        board.EnumerateArray().Single(r => r.GetProperty("unitCode").GetString() == station);

    [Fact]
    public async Task TheDistrictBoard_CountsEachStationAsItsOwnBoardDoes_AndFollowsJurisdiction()
    {
        var desk = await app.SignInAsync("frontdesk");
        var io = await app.SignInAsync("io");
        var challan = (await RegisterAsync(desk, Fir(NewPhone()))).GetProperty("reference").GetString()!;
        await RegisterAsync(desk, Fir(NewPhone()));
        await OkAsync(await StageAsync(io, challan, "challanSubmitted"));

        var dpo = await app.SignInAsync("dpo");
        var board = await OkAsync(await dpo.GetAsync("/api/v1/investigations/stations", Ct));
        var station = app.Demo("frontdesk").Unit;
        var stationBoard = await OkAsync(await dpo.GetAsync($"/api/v1/investigations/stages?unit={station}", Ct));
        var row = Row(board, station);
        row.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("cases").GetInt32())
            .ShouldBe(stationBoard.EnumerateArray().Select(s => s.GetProperty("cases").GetInt32()));
        row.GetProperty("cases").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        row.GetProperty("detectionPercent").GetDouble().ShouldBeInRange(0.01, 100);
        row.GetProperty("challanInTimePercent").GetDouble().ShouldBe(100);
        board.GetArrayLength().ShouldBeGreaterThan(1); // the district's other stations, FIRs or not

        var sho = await OkAsync(await (await app.SignInAsync("sho")).GetAsync("/api/v1/investigations/stations", Ct));
        sho.EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()).ShouldBe([station]);
        (await (await app.SignInAsync("dpo2")).GetAsync($"/api/v1/investigations/stations?unit={app.Demo("dpo").Unit}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await io.GetAsync("/api/v1/investigations/stations", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class DistrictBoardTests_Sqlite(SqliteApp app) : DistrictBoardTests(app);

public sealed class DistrictBoardTests_Postgres(PostgresApp app) : DistrictBoardTests(app);
