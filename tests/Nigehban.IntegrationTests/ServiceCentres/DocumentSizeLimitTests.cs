using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Data;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>The document size limit is configuration: written into the portal's file fields for the browser, and enforced on upload.</summary>
public sealed class DocumentSizeLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheConfiguredLimit_IsWrittenIntoThePortalsFileFields_AndEnforcedOnUpload(DatabaseProvider provider)
    {
        await using var app = await ConfiguredApp.StartAsync(provider, settings: [("Demo:Seed", "false"), (SupportingDocumentLimits.ConfigurationKey, "1024")]);

        var form = await app.CreateClient().GetStringAsync("/services/character-certificate/apply", Ct);
        form.ShouldContain("data-max-bytes=\"1024\"");

        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString()!;
        var tooLarge = await PostDocumentAsync(app.CreateClient(), reference, "photo", [.. SmallPng, .. new byte[1024]], "photo.png", nationalId);
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLarge.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("file");
        (await PostDocumentAsync(app.CreateClient(), reference, "photo", SmallPng, "photo.png", nationalId)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
