using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Every list pages (default 20, at most 100), shown here on the staff list.</summary>
public abstract class PagingTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_PagesBy20_ByDefault()
    {
        var admin = await app.SignInAsync("admin");

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff", Ct);

        page.GetProperty("page").GetInt32().ShouldBe(1);
        page.GetProperty("pageSize").GetInt32().ShouldBe(20);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(app.DemoAccounts.Count);
        page.GetProperty("items").GetArrayLength().ShouldBe(Math.Min(20, page.GetProperty("totalCount").GetInt32()));
    }

    [Fact]
    public async Task List_SplitsIntoPages_WithoutOverlap()
    {
        var admin = await app.SignInAsync("admin");

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff?page=1&pageSize=5", Ct);
        var second = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff?page=2&pageSize=5", Ct);

        var firstNames = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userName").GetString()).ToList();
        var secondNames = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userName").GetString()).ToList();
        firstNames.Count.ShouldBe(5);
        secondNames.Count.ShouldBe(5);
        firstNames.Intersect(secondNames).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_Accepts100_AsLargestPage()
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.GetAsync("/api/v1/staff?pageSize=100", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("pageSize").GetInt32().ShouldBe(100);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=many", "pageSize")]
    public async Task List_Returns400NamingParameter_WhenPagingOutOfRange(string query, string field)
    {
        var admin = await app.SignInAsync("admin");

        var response = await admin.GetAsync($"/api/v1/staff?{query}", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("field").GetString().ShouldBe(field);
        problem.GetProperty("errors").GetProperty(field).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task List_ReturnsEmptyPage_PastTheEnd_EvenForHugePageNumbers()
    {
        var admin = await app.SignInAsync("admin");

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/staff?page={int.MaxValue}&pageSize=100", Ct);

        page.GetProperty("items").GetArrayLength().ShouldBe(0);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
    }
}

public sealed class PagingTests_Sqlite(SqliteApp app) : PagingTests(app);

public sealed class PagingTests_Postgres(PostgresApp app) : PagingTests(app);
