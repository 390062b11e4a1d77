using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.EndToEndTests.Infrastructure;
using Shouldly;

namespace Nigehban.EndToEndTests.StaffConsole;

/// <summary>A citizen applying through the public API, as the portal or a phone app would: generated people only.</summary>
internal static class ServiceCentreCitizen
{
    public static readonly byte[] SmallPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static readonly byte[] SmallPng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>A CNIC that fits the Punjab rule and belongs to nobody in the demo records.</summary>
    public static string NewCnic() =>
        string.Create(CultureInfo.InvariantCulture, $"35202-{Random.Shared.Next(1_000_000, 8_999_999)}-{Random.Shared.Next(0, 10)}");

    public static string NewName() => "Test Applicant " + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>Applies online for a character certificate at <paramref name="unit"/> and, unless told not to, uploads both required documents.</summary>
    public static async Task<string> ApplyForCharacterCertificateAsync(BrowserApp app, string unit, string name, string? nationalId = null, string parentName = "Test Father", bool withDocuments = true)
    {
        using var citizen = new HttpClient { BaseAddress = app.BaseAddress };
        nationalId ??= NewCnic();
        var response = await citizen.PostAsJsonAsync("/api/v1/service-requests", new
        {
            serviceCode = "character-certificate",
            unit,
            applicant = new { nationalId, name, parentName, phone = "+923001234567", email = "applicant@example.test", address = "House 1, Test Street" },
            details = new { purpose = "employment abroad" },
        });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        var reference = JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;

        if (withDocuments)
        {
            await UploadAsync(citizen, reference, nationalId, "national-id-copy", SmallPdf, "cnic.pdf", "application/pdf");
            await UploadAsync(citizen, reference, nationalId, "photo", SmallPng, "photo.png", "image/png");
        }

        return reference;
    }

    public static async Task UploadAsync(HttpClient citizen, string reference, string nationalId, string documentCode, byte[] content, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(documentCode), "documentCode");
        form.Add(new StringContent(nationalId), "nationalId");
        var response = await citizen.PostAsync($"/api/v1/service-requests/{reference}/documents", form);
        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
    }
}
