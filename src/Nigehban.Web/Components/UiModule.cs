using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using MudBlazor.Services;

namespace Nigehban.Web.Components;

public static class UiModule
{
    public static IServiceCollection AddNigehbanUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        return services;
    }

    public static WebApplication MapNigehbanUi(this WebApplication app)
    {
        // When running from build output, MapStaticAssets also maps a catch-all for files added
        // after the build, outside the conventions it returns, so it could carry no anonymous
        // marker. Files come from the build manifest; the catch-all only served dotnet-watch edits.
        app.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";
        app.MapStaticAssets().AllowAnonymous();

        // Pages carry their component's [Authorize]/[AllowAnonymous]. The framework's own endpoints
        // (the _blazor hub, negotiate, disconnect, initializers, _framework/opaque-redirect) carry
        // neither: they are marked anonymous here, explicitly, so the endpoint test can demand a
        // marker everywhere. They authenticate nothing themselves; the circuit's principal comes
        // from the session and is revalidated (StaffSessionRevalidator).
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Finally(endpoint =>
            {
                if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
                {
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                }
            });
        return app;
    }
}
