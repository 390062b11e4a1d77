using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Shouldly;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>Generated applicants and the HTTP steps the service-centre tests share.</summary>
internal static class ServiceCentreFixtures
{
    private static int _serial;

    /// <summary>A CNIC no real person can hold in tests: unique per call, valid for the Punjab rule.</summary>
    public static string NewCnic()
    {
        var n = Interlocked.Increment(ref _serial) + (Environment.ProcessId % 1000 * 10_000) + Random.Shared.Next(0, 9_999);
        return $"35202-{(1_000_000 + (n % 8_999_999)).ToString(System.Globalization.CultureInfo.InvariantCulture)}-{(n % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>A phone number no other test uses, so that an application's SMS can be counted.</summary>
    public static string NewPhone() => "+92" + Random.Shared.NextInt64(3_000_000_000, 3_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static object Application(string nationalId, string serviceCode = "character-certificate", string unit = "LHR-PS01", string name = "Test Applicant") => new
    {
        serviceCode,
        unit,
        applicant = new { nationalId, name, parentName = "Test Father", phone = "+923001234567", email = "applicant@example.test", address = "House 1, Test Street" },
        details = new { purpose = "employment abroad" },
    };

    public static async Task<JsonElement> SubmitAsync(HttpClient client, object application, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(application) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task UploadAsync(HttpClient client, string reference, string documentCode, byte[] content, string fileName, string? nationalId = null)
    {
        var response = await PostDocumentAsync(client, reference, documentCode, content, fileName, nationalId);
        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> PostDocumentAsync(HttpClient client, string reference, string documentCode, byte[] content, string fileName, string? nationalId = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(documentCode), "documentCode");
        if (nationalId is not null)
        {
            form.Add(new StringContent(nationalId), "nationalId");
        }

        return await client.PostAsync($"/api/v1/service-requests/{reference}/documents", form);
    }

    public static async Task<JsonElement> TransitionAsync(HttpClient staff, string reference, string to, string? reason = null)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/service-requests/{reference}/transitions", new { to, reason });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static readonly byte[] SmallPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static readonly byte[] SmallPng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>Submits a character certificate application online and supplies both required documents.</summary>
    public static async Task<(string Reference, string NationalId)> ApplyWithDocumentsAsync(NigehbanApp app, string unit = "LHR-PS01", string? nationalId = null, string name = "Test Applicant")
    {
        var citizen = app.CreateClient();
        nationalId ??= NewCnic();
        var submitted = await SubmitAsync(citizen, Application(nationalId, unit: unit, name: name));
        var reference = submitted.GetProperty("reference").GetString()!;
        await UploadAsync(citizen, reference, "national-id-copy", SmallPdf, "cnic.pdf", nationalId);
        await UploadAsync(citizen, reference, "photo", SmallPng, "photo.png", nationalId);
        return (reference, nationalId);
    }
}
