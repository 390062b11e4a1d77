using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Organisation;

public abstract class UnitsApiTests(NigehbanApp app)
{
    [Fact]
    public async Task List_ReturnsWholeHierarchy_Flat()
    {
        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units", TestContext.Current.CancellationToken);

        units.ShouldNotBeNull();
        units.Count(u => u.GetProperty("kind").GetString() == "region").ShouldBe(10);
        units.Count(u => u.GetProperty("kind").GetString() == "district").ShouldBe(42);
        units.Single(u => u.GetProperty("code").GetString() == "LHR").GetProperty("parentCode").GetString().ShouldBe("RGN-LHR");
    }

    [Fact]
    public async Task List_FiltersByKindAndParent()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();

        var districtsOfMultan = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units?kind=district&parent=RGN-MLT", ct);

        districtsOfMultan!.Select(u => u.GetProperty("name").GetString()).ShouldBe(["Multan", "Khanewal", "Vehari", "Lodhran"], ignoreOrder: true);
    }

    [Fact]
    public async Task Get_ReturnsUnitWithChildren()
    {
        var unit = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/units/RGN-SKP", TestContext.Current.CancellationToken);

        unit.GetProperty("kind").GetString().ShouldBe("region");
        unit.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString())
            .ShouldBe(["SKP", "KSR", "NNS"], ignoreOrder: true);
    }

    [Fact]
    public async Task Get_Returns404ProblemDetails_WhenCodeUnknown()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/units/NO-SUCH-UNIT", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("field").GetString().ShouldBe("code");
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }
}

public sealed class UnitsApiTests_Sqlite(SqliteApp app) : UnitsApiTests(app);

public sealed class UnitsApiTests_Postgres(PostgresApp app) : UnitsApiTests(app);
