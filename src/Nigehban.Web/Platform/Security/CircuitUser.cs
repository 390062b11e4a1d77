using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Nigehban.Web.Platform.Security;

/// <summary>When the user last did something in this Blazor circuit; one per circuit (scoped).</summary>
public sealed class CircuitActivity
{
    private long _lastTicks;

    public DateTimeOffset? LastActivityAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    internal void Record(DateTimeOffset at) => Interlocked.Exchange(ref _lastTicks, at.UtcTicks);
}

/// <summary>
/// Connects a Blazor circuit to <see cref="CurrentUser"/>: a circuit has no HttpContext of its own,
/// so handlers called from components act as the circuit's principal, and stop acting as anyone
/// the moment revalidation signs the circuit out. Also notes each inbound event as activity, so
/// that a user working only in the circuit is not taken for idle.
/// </summary>
public sealed class CircuitUserHandler(
    AuthenticationStateProvider authentication,
    CurrentUser currentUser,
    CircuitActivity activity,
    TimeProvider clock) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        currentUser.UseCircuitPrincipal((await authentication.GetAuthenticationStateAsync()).User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Record(clock.GetUtcNow());
            return next(context);
        };

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = UpdateAsync(state);

    private async Task UpdateAsync(Task<AuthenticationState> state)
    {
        try
        {
            currentUser.UseCircuitPrincipal((await state).User);
        }
        catch (Exception)
        {
            // Fail closed: a state that cannot be read leaves the circuit anonymous.
            currentUser.UseCircuitPrincipal(new ClaimsPrincipal(new ClaimsIdentity()));
        }
    }
}
