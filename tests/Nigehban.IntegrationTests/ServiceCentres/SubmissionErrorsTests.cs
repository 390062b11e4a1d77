using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>A bad application is refused once, naming every bad field: a client corrects them all in one go.</summary>
public abstract class SubmissionErrorsTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_WithSeveralBadFields_Returns400NamingEveryOne_WithALengthMessageForOverLongText()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/service-requests", new
        {
            serviceCode = "character-certificate",
            unit = "NOWHERE",
            applicant = new { nationalId = "35202-123", name = new string('x', 121), parentName = "Test Father", phone = "call me", email = "not-an-address", address = "1 Test Street" },
        }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
        errors.Keys.ShouldBe(["unit", "applicant.nationalId", "applicant.name", "applicant.phone", "applicant.email"], ignoreOrder: true);
        errors["applicant.name"].ShouldContain("at most 120 characters");
        problem.GetProperty("field").GetString().ShouldBe("unit");
    }

    [Fact]
    public async Task Submit_WithOneBadField_StillNamesJustThatField()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/service-requests", new
        {
            serviceCode = "character-certificate",
            unit = "LHR-PS01",
            applicant = new { nationalId = ServiceCentreFixtures.NewCnic(), name = "", parentName = "Test Father", phone = "+923001234567", address = "1 Test Street" },
        }, Ct);

        var problem = await BadRequestAsync(response);
        problem.GetProperty("field").GetString().ShouldBe("applicant.name");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["applicant.name"]);
    }

    private static async Task<JsonElement> BadRequestAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}

public sealed class SubmissionErrorsTests_Sqlite(SqliteApp app) : SubmissionErrorsTests(app);
public sealed class SubmissionErrorsTests_Postgres(PostgresApp app) : SubmissionErrorsTests(app);
