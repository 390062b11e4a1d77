namespace Nigehban.Web.Components.Portal;

/// <summary>The things a citizen comes to the portal for.</summary>
public enum CitizenTask
{
    Apply,
    Track,
    Verify,

    /// <summary>A complaint to a police station.</summary>
    Complain,

    /// <summary>A complaint against police, to the force's complaint centre.</summary>
    ComplainAboutPolice,

    /// <summary>A chat with a protection desk, anonymously if she wishes (the virtual desk).</summary>
    TalkToProtectionDesk,
}

/// <summary>A module's online page for a citizen task, registered as a singleton by that module.</summary>
public sealed record CitizenTaskLink(CitizenTask Task, string Href);

/// <summary>
/// Where each citizen task is done online, once a module provides the page. Until then the portal
/// says honestly that the task is done in person and points to the station finder; a module that
/// ships, say, <c>/track</c> registers <c>new CitizenTaskLink(CitizenTask.Track, "/track")</c> and the
/// home page links to it.
/// </summary>
public sealed class CitizenTasks(IEnumerable<CitizenTaskLink> links)
{
    private readonly Dictionary<CitizenTask, string> _online = links.ToDictionary(l => l.Task, l => l.Href);

    public string? OnlineAt(CitizenTask task) => _online.GetValueOrDefault(task);
}
