using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Shouldly;

namespace Nigehban.IntegrationTests.Forces;

/// <summary>
/// What differs between forces comes from the pack (issue 15, item 2): the reference prefix, the
/// applicant fields and their labels, example values, the payment method the counter starts on, and
/// the name and language of the citizen's messages.
/// </summary>
public abstract class PackDecidesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Rwanda_NumbersAsksAndWritesAsItsPackSays()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");
        var client = app.CreateClient();
        var sector = app.Demo("frontdesk").Unit;

        var kinyarwanda = await SubmitAsync(client, Application(sector, "rw", parentName: "Test Parent"));
        var french = await SubmitAsync(client, Application(sector, "fr"));
        var unstated = await SubmitAsync(client, Application(sector, language: null));

        kinyarwanda.ShouldStartWith("RNP-");
        (await SmsAsync(app, kinyarwanda)).ShouldStartWith("Polisi y'u Rwanda: ubusabe bwawe " + kinyarwanda);
        (await SmsAsync(app, french)).ShouldStartWith("Police nationale du Rwanda : votre demande " + french);
        (await SmsAsync(app, unstated)).ShouldStartWith("Rwanda National Police: your application " + unstated);
        // Rwanda does not ask for a parent's name: one sent anyway is not kept.
        (await app.WithDbAsync(db => db.Set<ServiceRequest>().SingleAsync(r => r.Reference == kinyarwanda, Ct))).Applicant.ParentName.ShouldBeNull();

        // Its pack requires a phone, and knows only its own languages.
        (await FieldOfAsync(client, Application(sector, "rw", phone: null))).ShouldBe("applicant.phone");
        (await FieldOfAsync(client, Application(sector, "ur"))).ShouldBe("language");

        var apply = await client.GetStringAsync("/services/police-clearance/apply", Ct);
        apply.ShouldNotContain("name=\"parentName\"");
        apply.ShouldContain("Mobile phone (for SMS and mobile money)");
        var track = await client.GetStringAsync("/track", Ct);
        track.ShouldContain("placeholder=\"RNP-");
        track.ShouldNotContain("PKM-");

        // Mobile money is the pack's default payment method: a payment that names none is one.
        var desk = await app.SignInAsync("frontdesk");
        var paid = await desk.PostAsJsonAsync($"/api/v1/service-requests/{kinyarwanda}/payments", new { amount = 1000, externalReference = "MM-TEST-0001" }, Ct);
        paid.StatusCode.ShouldBe(HttpStatusCode.Created, await paid.Content.ReadAsStringAsync(Ct));
        (await paid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("method").GetString().ShouldBe("MobileMoney");
    }

    [Fact]
    public async Task Punjab_NumbersAsksAndWritesAsItsPackSays()
    {
        await using var app = await ConfiguredApp.StartAsync(Provider, "punjab", ("Demo:Seed", "false"));
        var client = app.CreateClient();

        var english = await SubmitAsync(client, Application("LHR-PS01", "en", "35202-1234567-1", "character-certificate", parentName: "Test Parent"));
        var urdu = await SubmitAsync(client, Application("LHR-PS01", "ur", "35202-1234567-1", "character-certificate"));

        english.ShouldStartWith("PKM-LHR-");
        (await app.WithDbAsync(db => db.Set<ServiceRequest>().SingleAsync(r => r.Reference == english, Ct))).Applicant.ParentName.ShouldBe("Test Parent");
        (await SmsAsync(app, english)).ShouldStartWith("Punjab Police: your application " + english);
        (await SmsAsync(app, urdu)).ShouldStartWith("پنجاب پولیس: آپ کی درخواست " + urdu);
        (await client.GetStringAsync("/services/character-certificate/apply", Ct)).ShouldContain("Father&#x27;s name");
        (await client.GetStringAsync("/track", Ct)).ShouldContain("placeholder=\"PKM-LHR-");
    }

    private static object Application(string unit, string? language, string nationalId = "1 1990 8 0012345 0 12", string service = "police-clearance", string? parentName = null, string? phone = "+250788000111") => new
    {
        serviceCode = service,
        unit,
        language,
        applicant = new { nationalId, name = "Test Applicant", parentName, phone },
    };

    private static async Task<string> SubmitAsync(HttpClient client, object application)
    {
        var response = await client.PostAsJsonAsync("/api/v1/service-requests", application, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }

    private static async Task<string?> FieldOfAsync(HttpClient client, object application)
    {
        var response = await client.PostAsJsonAsync("/api/v1/service-requests", application, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString();
    }

    private static async Task<string> SmsAsync(ConfiguredApp app, string reference)
    {
        var payload = await app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Sms && m.Payload.Contains(reference)).Select(m => m.Payload).SingleAsync(Ct));
        return JsonDocument.Parse(payload).RootElement.GetProperty("text").GetString()!;
    }
}

public sealed class PackDecidesTests_Sqlite : PackDecidesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PackDecidesTests_Postgres : PackDecidesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
