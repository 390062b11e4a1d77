using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// A Blazor circuit must not outlive its session. The cookie is not available inside a circuit,
/// so the principal carries the session id, and every minute the session is checked by id with
/// the same rule as HTTP requests: not ended, not idle, not past its absolute limit, account
/// neither disabled nor locked. A failed check signs the circuit out (the base class turns the
/// state anonymous; an exception does the same). Events in the circuit count as use of the
/// session, written back to <see cref="StaffSession.LastSeenAt"/>.
/// </summary>
public sealed class StaffSessionRevalidator(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    CircuitActivity activity,
    SessionLimits limits,
    TimeProvider clock) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsSessionCurrentAsync(authenticationState.User, cancellationToken);

    internal async Task<bool> IsSessionCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(user.FindFirstValue(NigehbanClaims.SessionId), out var sessionId))
        {
            return false;
        }

        // The circuit's own scope lives for hours; a DbContext must not.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var found = await db.Set<StaffSession>().AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Join(db.Set<StaffAccount>().IgnoreQueryFilters().AsNoTracking(), s => s.AccountId, a => a.Id, (s, a) => new { Session = s, Account = a })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var lastActivity = activity.LastActivityAt;
        var endReason = limits.ReasonToEnd(found.Session, found.Account, now, lastActivity);
        if (endReason is not null)
        {
            if (found.Session.EndedAt is null)
            {
                await StaffSessions.EndAsync(db, sessionId, endReason, now, cancellationToken);
            }

            return false;
        }

        if (lastActivity is { } seen && seen - found.Session.LastSeenAt >= limits.TouchInterval)
        {
            await StaffSessions.TouchAsync(db, sessionId, seen, cancellationToken);
        }

        return true;
    }
}
