using Scalar.AspNetCore;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// The API reference at <c>/scalar</c>: this API's document and introduction, with none of the
/// vendor's own offers (its desktop client, AI agent, MCP server, developer toolbar, telemetry).
/// </summary>
public static class ScalarPage
{
    public static void Configure(ScalarOptions options) =>
        options
            .WithTitle("Nigehban API")
            .DisableDefaultFonts()
            .HideClientButton()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes([OpenApiDocumentRules.BearerScheme]);
}
