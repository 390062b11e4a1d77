using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Dashboard.Live;

/// <summary>
/// Live dashboard alerts for API clients (<c>/hubs/dashboard</c>, message <c>alert</c>). A
/// connection joins the group of its user's home unit path; an alert goes to the groups of every
/// ancestor-or-self path of its unit, so each connection receives exactly the alerts under its
/// jurisdiction, with a handful of group sends per alert whatever the number of connections.
/// </summary>
[Authorize(Policy = Permissions.DashboardView)]
public sealed class DashboardHub : Hub
{
    public const string Route = "/hubs/dashboard";
    public const string AlertMessage = "alert";

    public override async Task OnConnectedAsync()
    {
        var path = Context.User?.FindFirstValue(NigehbanClaims.UnitPath);
        if (string.IsNullOrEmpty(path))
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(path));
        await base.OnConnectedAsync();
    }

    public static string GroupOf(string unitPath) => "unit:" + unitPath;

    /// <summary>"/PB/RGN-LHR/LHR/" → the groups of "/PB/", "/PB/RGN-LHR/" and "/PB/RGN-LHR/LHR/".</summary>
    public static IReadOnlyList<string> GroupsAbove(string unitPath)
    {
        var groups = new List<string>();
        for (var i = unitPath.IndexOf('/', 1); i > 0; i = unitPath.IndexOf('/', i + 1))
        {
            groups.Add(GroupOf(unitPath[..(i + 1)]));
        }

        return groups;
    }
}

/// <summary>Forwards <see cref="DashboardSignals"/> to the hub's groups for the life of the host.</summary>
public sealed class DashboardAlertRelay(DashboardSignals signals, IHubContext<DashboardHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = signals.Subscribe(alert =>
            hub.Clients.Groups(DashboardHub.GroupsAbove(alert.UnitPath)).SendAsync(DashboardHub.AlertMessage, alert, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
