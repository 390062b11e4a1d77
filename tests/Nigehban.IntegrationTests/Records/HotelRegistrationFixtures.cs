using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.Cases.WantedFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>The HTTP steps of hotel registrations that their tests share: a hotel and its key, a guest, a wanted person.</summary>
public static class HotelRegistrationFixtures
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record RegisteredHotel(Guid Id, string Key, string Unit);

    public static async Task<RegisteredHotel> RegisterHotelAsync(HttpClient officer, string unit, string? name = null)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/hotels",
            new { unit, name = name ?? $"Test Guest House {Guid.NewGuid().ToString("N")[..6]}", address = "1 Test Road", phone = "+923001112233" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.ReadJsonAsync();
        return new RegisteredHotel(body.GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!, body.GetProperty("unit").GetString()!);
    }

    /// <summary>A client that sends the hotel's key, and no staff session.</summary>
    public static HttpClient HotelClient(NigehbanApp app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Hotel-Key", key);
        return client;
    }

    public static object Guest(string nationalId, string name = "Test Guest", string? fatherName = "Test Father", string room = "12") =>
        new { guestName = name, fatherName, nationalId, room };

    public static Task<HttpResponseMessage> CheckInAsync(HttpClient hotel, object guest, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hotel/guests") { Content = JsonContent.Create(guest) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return hotel.SendAsync(request, Ct);
    }

    /// <summary>A generated person proclaimed an offender in a new FIR of LHR-PS01; returns the FIR's reference.</summary>
    public static async Task<string> ProclaimWantedAsync(HttpClient frontDesk, HttpClient io, string name, string nationalId, string fatherName)
    {
        var reference = (await RegisterAsync(frontDesk, FirWithAccused(NewPhone(), name, nationalId))).GetProperty("reference").GetString()!;
        await CreatedAsync(await ProclaimAsync(io, reference,
            new { accusedPosition = NamedAccused, proclaimedOn = Day(Today), court = "Court of the Test Magistrate", fatherName }));
        return reference;
    }

    public static async Task<List<JsonElement>> AlertsAsync(HttpClient officer, string query = "")
    {
        var response = await officer.GetAsync("/api/v1/registration-alerts?pageSize=100" + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }
}
