using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Shouldly;

namespace Nigehban.IntegrationTests.Records;

/// <summary>Helpers for the records tests: putting generated persons on record and searching them.</summary>
public static class RecordsFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int _serial = Random.Shared.Next(1_000, 9_000);

    /// <summary>A CNIC-shaped ID no other test uses (generated, fits the Punjab pack's rule).</summary>
    public static string NewCnic() => $"3{Random.Shared.Next(1000, 9999)}{Interlocked.Increment(ref _serial) % 10_000:D4}{Random.Shared.Next(100, 999)}{Random.Shared.Next(1, 9)}";

    public static async Task<Guid> RegisterAsync(HttpClient officer, object person)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/persons", person, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> SearchAsync(HttpClient officer, string query) =>
        officer.GetAsync("/api/v1/persons?" + query, Ct);

    public static async Task<List<Guid>> FoundAsync(HttpClient officer, string query)
    {
        var response = await SearchAsync(officer, "pageSize=100&" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    public static async Task<JsonElement> ProfileAsync(HttpClient officer, Guid id, string purpose = "investigation")
    {
        var response = await officer.GetAsync($"/api/v1/persons/{id}?purpose={purpose}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadJsonAsync();
    }

    public static string Q(string value) => Uri.EscapeDataString(value);
}
