using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>
/// The wiring of a Blazor circuit to the session, through the app's real service registrations.
/// No database work, so one provider is enough.
/// </summary>
public sealed class CircuitUserTests(SqliteApp app)
{
    [Fact]
    public async Task CircuitHandler_GivesCurrentUserTheCircuitPrincipal_AndDropsItWhenSignedOut()
    {
        await using var circuit = app.Services.CreateAsyncScope();
        var services = circuit.ServiceProvider;
        var authentication = services.GetRequiredService<AuthenticationStateProvider>();
        authentication.ShouldBeOfType<StaffSessionRevalidator>();
        var handler = services.GetServices<CircuitHandler>().OfType<CircuitUserHandler>().ShouldHaveSingleItem();
        var currentUser = services.GetRequiredService<CurrentUser>();
        var officer = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "officer"), new Claim(NigehbanClaims.UnitPath, "/PB/LHR/"), new Claim(NigehbanClaims.Permission, Permissions.ConsoleAccess)],
            SessionAuthenticationHandler.SchemeName, ClaimTypes.Name, ClaimTypes.Role));

        // As the framework does when a circuit starts: the state comes from the connection's user.
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(officer)));
        await handler.OnCircuitOpenedAsync(null!, TestContext.Current.CancellationToken);

        currentUser.UserName.ShouldBe("officer");
        currentUser.HasPermission(Permissions.ConsoleAccess).ShouldBeTrue();
        services.GetRequiredService<JurisdictionScope>().PathPrefix.ShouldBe("/PB/LHR/");

        // Revalidation failing turns the state anonymous; the handler must follow at once.
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        await Task.Yield();

        currentUser.IsAuthenticated.ShouldBeFalse();
        currentUser.HasPermission(Permissions.ConsoleAccess).ShouldBeFalse();
        services.GetRequiredService<JurisdictionScope>().PathPrefix.ShouldBe(JurisdictionScope.Nothing);
        handler.Dispose();
    }
}
