using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Localization;
using Nigehban.Web.Components.Portal;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.ServiceCentres.Pages.Portal;

public static class PortalPages
{
    /// <summary>Tells the portal's home page and navigation that applying, tracking and verifying are now done online.</summary>
    public static IServiceCollection AddServiceCentrePortal(this IServiceCollection services)
    {
        services.AddSingleton(new CitizenTaskLink(CitizenTask.Apply, "/services"));
        services.AddSingleton(new CitizenTaskLink(CitizenTask.Track, "/track"));
        services.AddSingleton(new CitizenTaskLink(CitizenTask.Verify, "/verify"));
        return services;
    }
}

/// <summary>
/// Lets a page's form carry document uploads past the host's 1 MB default body limit: room for
/// <paramref name="documents"/> files of the largest size a configuration may allow, plus the text fields.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DocumentUploadLimitAttribute(int documents) : Attribute, IRequestSizeLimitMetadata
{
    public int Documents { get; } = documents;

    public long? MaxRequestBodySize => (Documents * SupportingDocumentLimits.CeilingBytes) + (256 * 1024);
}

/// <summary>How the portal words fees, deadlines, statuses and times in the reader's language.</summary>
public static class PortalFormat
{
    /// <summary>"PKR 500" (<see cref="Money"/>, as everywhere) or "Free".</summary>
    public static string Fee(IStringLocalizer text, decimal amount, string currency) =>
        amount == 0 ? text["Fee.Free"] : Money.Format(amount, currency);

    /// <summary>"5wd" → "5 working days", "24h" → "24 hours"; a shape the SLA parser does not know shows as written.</summary>
    public static string Sla(IStringLocalizer text, string sla) =>
        Deadline.TryParse(sla, out var deadline)
            ? text[$"Sla.{deadline.Unit}.{(deadline.Amount == 1 ? "One" : "Many")}", deadline.Amount]
            : sla;

    public static string Channel(IStringLocalizer text, string channel) => Lookup(text, "Channel." + channel, channel);

    public static string Status(IStringLocalizer text, ServiceRequestStatus status) => text["Status." + status];

    /// <summary>An instant on the force's clock, e.g. "12 March 2026, 17:00".</summary>
    public static string LocalTime(DateTimeOffset instant, ForcePack force) =>
        TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>A deadline, told as staff see it too: its last day on the force's clock (<see cref="DeadlineDisplay"/>).</summary>
    public static string Due(DateTimeOffset dueAt, ForcePack force) => DeadlineDisplay.Describe(dueAt, force.TimeZone);

    public static string LocalDate(DateTimeOffset instant, ForcePack force) =>
        TimeZoneInfo.ConvertTime(instant, force.TimeZone).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The two-letter language the catalogue's names are keyed by.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private static string Lookup(IStringLocalizer text, string key, string fallback)
    {
        var value = text[key];
        return value.ResourceNotFound ? fallback : value.Value;
    }
}
