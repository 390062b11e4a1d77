using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>Tracking tells the citizen which documents arrived, and its timeline records uploads and the payment as events of their own.</summary>
public abstract class TrackingWhatArrivedTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> TrackAsync(string reference, string nationalId)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Dictionary<string, bool> Received(JsonElement view) =>
        view.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("received").GetBoolean());

    private static List<string> Events(JsonElement view) =>
        [.. view.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("event").GetString() + (s.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? ":" + d.GetString() : ""))];

    [Fact]
    public async Task Tracking_ListsTheDocumentsReceived_AndRecordsUploadsAndThePayment_AsTheyHappen()
    {
        var citizen = app.CreateClient();
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(citizen, Application(nationalId))).GetProperty("reference").GetString()!;

        var applied = await TrackAsync(reference, nationalId);
        Received(applied).ShouldBe(new Dictionary<string, bool> { ["national-id-copy"] = false, ["photo"] = false });
        applied.GetProperty("documents")[0].GetProperty("name").GetString().ShouldBe("Copy of CNIC");
        Events(applied).ShouldBe(["Applied:online"]);
        applied.GetProperty("timeline")[0].TryGetProperty("note", out var note).ShouldBeTrue();
        note.ValueKind.ShouldBe(JsonValueKind.Null, "the staff's 'Submitted via online' is not the citizen's wording");

        // Tracked just before, so an answer held in memory would be stale: the upload must show at once.
        await UploadAsync(citizen, reference, "photo", SmallPng, "photo.png", nationalId);
        var uploaded = await TrackAsync(reference, nationalId);
        Received(uploaded).ShouldBe(new Dictionary<string, bool> { ["national-id-copy"] = false, ["photo"] = true });
        Events(uploaded).ShouldBe(["Applied:online", "DocumentReceived:photo"]);

        await UploadAsync(citizen, reference, "national-id-copy", SmallPdf, "cnic.pdf", nationalId);
        var desk = await app.SignInAsync("frontdesk");
        (await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await TransitionAsync(desk, reference, "DocumentsChecked");

        var paid = await TrackAsync(reference, nationalId);
        Received(paid).Values.ShouldAllBe(received => received);
        Events(paid).ShouldBe(["Applied:online", "DocumentReceived:photo", "DocumentReceived:national-id-copy", "FeePaid", "StatusChanged"]);
        paid.GetProperty("timeline")[3].GetProperty("status").GetString().ShouldBe("Submitted", "the payment came before the documents were checked");
        paid.GetProperty("timeline")[4].GetProperty("status").GetString().ShouldBe("DocumentsChecked");
    }
}

public sealed class TrackingWhatArrivedTests_Sqlite(SqliteApp app) : TrackingWhatArrivedTests(app);
public sealed class TrackingWhatArrivedTests_Postgres(PostgresApp app) : TrackingWhatArrivedTests(app);
