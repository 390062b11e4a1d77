using System.Net.Http.Json;
using System.Text.Json;
using static Nigehban.IntegrationTests.Cases.FirFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>The HTTP steps of proclaimed offenders and warrants that their tests share.</summary>
internal static class WantedFixtures
{
    /// <summary>The accused named in <see cref="FirWithAccused"/>'s FIR: its party position.</summary>
    public const int NamedAccused = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    /// <summary>Today in the Punjab pack's time zone, as the court dates are kept.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Karachi).DateTime);

    /// <summary>A generated FIR whose named accused (position 3) has the given name and national ID; occurred two days ago.</summary>
    public static object FirWithAccused(string phone, string accused, string? nationalId = null, string unit = "LHR-PS01") => Fir(phone, unit: unit,
        occurredAt: DateTimeOffset.UtcNow.AddDays(-2),
        parties:
        [
            new { role = "complainant", name = "Test Complainant", phone, gender = "male", age = 34 },
            new { role = "victim", name = "Test Complainant", gender = "male", age = 34 },
            new { role = "accused", unknown = true, description = "A man in a grey shawl" },
            new { role = "accused", name = accused, nationalId, gender = "male", age = 29 },
            new { role = "witness", name = "Test Witness", phone = "+923001234567" },
        ]);

    public static Task<HttpResponseMessage> ProclaimAsync(HttpClient client, string reference, object proclamation) =>
        client.PostAsJsonAsync($"/api/v1/firs/{reference}/wanted-persons", proclamation, Ct);

    public static Task<HttpResponseMessage> WarrantAsync(HttpClient client, string reference, object warrant) =>
        client.PostAsJsonAsync($"/api/v1/firs/{reference}/warrants", warrant, Ct);

    public static Task<HttpResponseMessage> ExecuteAsync(HttpClient client, string reference, int number, object execution) =>
        client.PutAsJsonAsync($"/api/v1/firs/{reference}/warrants/{number}/execution", execution, Ct);

    public static Task<HttpResponseMessage> ReturnAsync(HttpClient client, string reference, int number, object returned) =>
        client.PutAsJsonAsync($"/api/v1/firs/{reference}/warrants/{number}/return", returned, Ct);

    public static async Task<JsonElement> CaseWantedAsync(HttpClient client, string reference) =>
        await FrontDesk.FrontDeskFixtures.OkAsync(await client.GetAsync($"/api/v1/firs/{reference}/wanted", Ct));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string NewName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";
}
