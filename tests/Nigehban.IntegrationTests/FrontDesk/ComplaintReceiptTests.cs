using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.FrontDesk.ComplaintReceipt;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.FrontDesk;

/// <summary>The complainant's receipt (issue 16, item 2): the PDF as a reader sees it, its QR code on the verify page, and who may open it.</summary>
public abstract class ComplaintReceiptTests(NigehbanApp app)
{
    private const string UrduName = "آزمائشی شکایت کنندہ"; // Urdu: "test complainant"

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceiptPdf_NamesTheReferenceTheComplainantInUrduAndTheOfficer_AndItsQrVerifies()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), ComplaintBy(UrduName, phone));
        await OkAsync(await AssignAsync(await app.SignInAsync("sho"), reference, phone: "+923334445566"));

        var response = await app.CreateClient().GetAsync($"/api/v1/complaints/{reference}/receipt?phone={Uri.EscapeDataString(phone)}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = await PdfTools.TextAsync(pdf);
        text.ShouldContain(reference, Case.Sensitive, text);
        text.ShouldContain(UrduName, Case.Sensitive, text);
        text.ShouldContain("Inspector Test Officer", Case.Sensitive, text);
        text.ShouldContain("+923334445566", Case.Sensitive, text);

        var scanned = new Uri(await PdfTools.QrAsync(pdf));
        scanned.AbsolutePath.ShouldBe($"/verify/{reference}");
        var signature = scanned.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("s=", StringComparison.Ordinal))[2..];
        var genuine = await VerifyAsync(reference, signature);
        genuine.GetProperty("status").GetString().ShouldBe("Valid");
        genuine.GetProperty("holder").GetString().ShouldNotBe(UrduName); // masked on the public page
        var page = await app.CreateClient().GetStringAsync(scanned.PathAndQuery, Ct);
        page.ShouldContain("data-status=\"valid\"");
    }

    [Fact]
    public async Task TamperedReceiptQr_SaysForged_AndShowsNothingOfTheComplaint()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), ComplaintBy("Test Receipt Holder", phone));
        var receipt = await ReceiptOfAsync(reference, phone);
        var signature = receipt.VerificationUrl[(receipt.VerificationUrl.IndexOf("?s=", StringComparison.Ordinal) + 3)..];
        var tampered = (signature[0] == 'A' ? "B" : "A") + signature[1..];
        var other = await FileAsync(app.CreateClient(), ComplaintBy("Test Receipt Holder", NewPhone()));

        (await VerifyAsync(reference, signature)).GetProperty("status").GetString().ShouldBe("Valid");
        foreach (var (code, s) in new[] { (reference, tampered), (other, signature) })
        {
            var forged = await VerifyAsync(code, s);
            forged.GetProperty("status").GetString().ShouldBe("Forged");
            foreach (var detail in new[] { "service", "issuedAt", "holder" })
            {
                forged.GetProperty(detail).ValueKind.ShouldBe(JsonValueKind.Null, detail);
            }
        }

        (await VerifyAsync(reference, null)).GetProperty("status").GetString().ShouldBe("Unknown"); // a typed reference tells nobody a complaint exists
        (await app.CreateClient().GetStringAsync($"/verify/{reference}?s={tampered}", Ct)).ShouldContain("data-status=\"forged\"");
    }

    [Fact]
    public async Task Receipt_IsRefused_ForAWrongPhone_WithoutAPhone_OrWithABadTicket()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), ComplaintBy("Test Receipt Holder", phone));
        var client = app.CreateClient();

        (await FieldOfAsync(await client.GetAsync($"/api/v1/complaints/{reference}/receipt?phone={Uri.EscapeDataString(NewPhone())}", Ct), 404)).ShouldBe("reference");
        (await FieldOfAsync(await client.GetAsync($"/api/v1/complaints/{reference}/receipt", Ct), 400)).ShouldBe("phone");
        (await FieldOfAsync(await client.GetAsync($"/api/v1/complaints/{reference}/receipt?ticket=not-a-ticket", Ct), 404)).ShouldBe("ticket");
    }

    [Fact]
    public async Task ReceiptPage_FromTheTrackingTicket_ShowsTheReceiptAndItsPdfLink_AndAnExpiredLinkShowsNothing()
    {
        var phone = NewPhone();
        var reference = await FileAsync(app.CreateClient(), ComplaintBy("Test Receipt Holder", phone));
        var ticket = app.Services.GetRequiredService<ReceiptTickets>().Issue(reference, phone);
        var client = app.CreateClient();

        var page = await client.GetStringAsync($"/complaints/receipt?reference={reference}&ticket={Uri.EscapeDataString(ticket)}", Ct);
        page.ShouldContain(reference);
        page.ShouldContain("Test Receipt Holder");
        page.ShouldContain("<svg");
        page.ShouldNotContain(phone);
        var pdf = await client.GetAsync($"/api/v1/complaints/{reference}/receipt?ticket={Uri.EscapeDataString(ticket)}", Ct);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await client.GetStringAsync($"/complaints/receipt?reference={reference}&ticket=altered", Ct);
        refused.ShouldContain("id=\"receipt-expired\"");
        refused.ShouldNotContain("Test Receipt Holder");
    }

    [Fact]
    public async Task Staff_PrintTheReceiptOfTheirStation_AndGet404Elsewhere()
    {
        var reference = await FileAsync(app.CreateClient(), ComplaintBy("Test Receipt Holder", NewPhone()));

        var atDesk = await (await app.SignInAsync("frontdesk")).GetAsync($"/api/v1/complaints/{reference}/receipt", Ct);
        atDesk.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PdfTools.TextAsync(await atDesk.Content.ReadAsByteArrayAsync(Ct))).ShouldContain(reference);
        var elsewhere = await (await app.SignInAsync("frontdesk2")).GetAsync($"/api/v1/complaints/{reference}/receipt", Ct);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static object ComplaintBy(string name, string phone) => new
    {
        unit = "LHR-PS01",
        category = "theft",
        description = "A generated test complaint: a phone was snatched at a bus stop.",
        incidentAt = DateTimeOffset.UtcNow.AddHours(-2),
        complainant = new { name, phone },
    };

    private async Task<ComplaintReceiptView> ReceiptOfAsync(string reference, string phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ComplaintReceiptHandler>().GetAsync(reference, phone, Ct);
    }

    private async Task<JsonElement> VerifyAsync(string code, string? signature) =>
        await app.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/api/v1/certificates/{code}/verification" + (signature is null ? string.Empty : $"?s={signature}"), Ct);
}

public sealed class ComplaintReceiptTests_Sqlite(SqliteApp app) : ComplaintReceiptTests(app);

public sealed class ComplaintReceiptTests_Postgres(PostgresApp app) : ComplaintReceiptTests(app);
