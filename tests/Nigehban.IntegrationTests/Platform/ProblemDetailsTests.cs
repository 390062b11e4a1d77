using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Every error an API client can cause comes back as RFC 9457 ProblemDetails with a traceId and the field at fault.</summary>
public abstract class ProblemDetailsTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownApiRoute_Returns404ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/no-such-thing", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task WrongMethod_Returns405ProblemDetails()
    {
        var response = await app.CreateClient().DeleteAsync("/api/v1/units", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task ProtectedEndpoint_Returns401ProblemDetails_WithoutToken()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/staff", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ProtectedEndpoint_Returns403ProblemDetails_WithoutPermission()
    {
        var frontDesk = await app.SignInAsync("frontdesk");

        var response = await frontDesk.GetAsync("/api/v1/staff", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokenRequest_Returns400NamingField_WhenFieldHasWrongType()
    {
        var response = await PostJsonAsync("/api/v1/auth/token", """{"userName": 5, "password": "x", "otp": "123456"}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("userName");
        problem.GetProperty("errors").GetProperty("userName").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task TokenRequest_Returns400_WhenJsonTruncated()
    {
        var response = await PostJsonAsync("/api/v1/auth/token", """{"userName": "frontdesk", "password": "abc""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task TokenRequest_Returns400NamingBody_WhenBodyIsNotJson()
    {
        var response = await PostJsonAsync("/api/v1/auth/token", "userName=frontdesk");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("body");
    }

    [Fact]
    public async Task TokenRequest_Returns400NamingBody_WhenBodyMissing()
    {
        var response = await PostJsonAsync("/api/v1/auth/token", "");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("body");
    }

    [Fact]
    public async Task TokenRequest_Returns415NamingBody_WhenNotJson()
    {
        var response = await app.CreateClient().PostAsync("/api/v1/auth/token", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("field").GetString().ShouldBe("body");
    }

    [Fact]
    public async Task QueryParameter_Returns400NamingIt_WhenNotANumber()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.GetAsync("/api/v1/staff?page=abc", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe("page");
    }

    [Fact]
    public async Task CreateStaff_Returns400WithFieldErrors_WhenRequiredFieldsMissingOrInvalid()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.PostAsync("/api/v1/staff",
            new StringContent("""{"userName": "x", "displayName": "", "unitCode": "LHR", "roles": [], "password": "short"}""", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        // Keys are the JSON names the client sent, so a form can put each message beside its field.
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldBe(["userName", "displayName", "roles", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task CreateStaff_Returns400_WhenBodyIsEmptyObject()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.PostAsync("/api/v1/staff", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        app.CreateClient().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
}

public sealed class ProblemDetailsTests_Sqlite(SqliteApp app) : ProblemDetailsTests(app);

public sealed class ProblemDetailsTests_Postgres(PostgresApp app) : ProblemDetailsTests(app);

internal static class ProblemAssert
{
    /// <summary>Asserts the status, the problem+json media type, a traceId, and that no stack frame leaked.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception");
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        return problem;
    }
}
