using System.Globalization;
using MudBlazor;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres.Pages.Console;

/// <summary>How the staff pages show statuses, times and money, the same on every page.</summary>
public static class ServiceCentreDisplay
{
    public static Color StatusColor(ServiceRequestStatus status) => status switch
    {
        ServiceRequestStatus.Submitted => Color.Info,
        ServiceRequestStatus.DocumentsChecked or ServiceRequestStatus.RecordChecked => Color.Primary,
        ServiceRequestStatus.Approved => Color.Tertiary,
        ServiceRequestStatus.Issued => Color.Success,
        ServiceRequestStatus.Rejected => Color.Error,
        ServiceRequestStatus.ReturnedForCorrection => Color.Warning,
        _ => Color.Default,
    };

    public static string StatusIcon(ServiceRequestStatus status) => status switch
    {
        ServiceRequestStatus.Submitted => Icons.Material.Outlined.Inbox,
        ServiceRequestStatus.DocumentsChecked => Icons.Material.Outlined.FactCheck,
        ServiceRequestStatus.RecordChecked => Icons.Material.Outlined.ManageSearch,
        ServiceRequestStatus.Approved => Icons.Material.Outlined.Verified,
        ServiceRequestStatus.Issued => Icons.Material.Outlined.TaskAlt,
        ServiceRequestStatus.Rejected => Icons.Material.Outlined.Block,
        ServiceRequestStatus.ReturnedForCorrection => Icons.Material.Outlined.AssignmentReturn,
        _ => Icons.Material.Outlined.Circle,
    };

    /// <summary>An instant in the force's own time zone: officers read local time, the database keeps UTC.</summary>
    public static string LocalTime(DateTimeOffset instant, ForcePack force) =>
        TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string LocalClock(DateTimeOffset instant, ForcePack force) =>
        TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("HH:mm", CultureInfo.CurrentCulture);

    public static string Minutes(TimeSpan span) =>
        Math.Max(0, span.TotalMinutes).ToString("0", CultureInfo.CurrentCulture);

    public static string FileSize(long bytes) =>
        bytes < 1024 ? bytes.ToString("N0", CultureInfo.CurrentCulture) + " B"
        : bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.CurrentCulture) + " KB"
        : (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture) + " MB";
}
