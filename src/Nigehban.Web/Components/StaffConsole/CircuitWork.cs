using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Components.StaffConsole;

/// <summary>
/// Runs one piece of work from a console page in its own DI scope, so each action gets a fresh
/// DbContext (a circuit lives for hours; one context for all of it would grow stale and cannot run
/// two queries at once), while the handlers still see the circuit's user for the jurisdiction
/// filter and the audit trail. Pages call the same handlers as the API, with no HTTP hop.
/// </summary>
public sealed class CircuitWork(IServiceScopeFactory scopes, CurrentUser user)
{
    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken = default)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UseCircuitPrincipal(user.Principal);
        return await work(scope.ServiceProvider.GetRequiredService<THandler>(), cancellationToken);
    }

    public Task RunAsync<THandler>(Func<THandler, CancellationToken, Task> work, CancellationToken cancellationToken = default)
        where THandler : notnull =>
        RunAsync<THandler, bool>(async (handler, ct) =>
        {
            await work(handler, ct);
            return true;
        }, cancellationToken);
}
