using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Components.StaffConsole;

/// <summary>
/// A Blazor circuit outlives the HTTP request that opened it, so <see cref="CurrentUser"/> cannot
/// read the user from an HttpContext there. When the circuit opens, this hands it the principal the
/// circuit authenticated with (the default server authentication state provider, filled from the
/// connection's cookie), and follows every later change (revalidation ending the session, say), so
/// the jurisdiction filter and the audit trail see the same user the pages do.
/// </summary>
internal sealed class CircuitUserBridge(AuthenticationStateProvider authentication, CurrentUser user) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        user.UseCircuitPrincipal((await authentication.GetAuthenticationStateAsync()).User);
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            user.UseCircuitPrincipal((await state).User);
        }
        catch (Exception)
        {
            // A failed revalidation must not keep the old principal alive.
            user.UseCircuitPrincipal(new System.Security.Claims.ClaimsPrincipal());
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}
