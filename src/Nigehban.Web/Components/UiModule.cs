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
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
