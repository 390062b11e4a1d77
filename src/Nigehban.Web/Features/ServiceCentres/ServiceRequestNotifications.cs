using System.Globalization;
using System.Resources;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// The citizen's SMS (and email) on submission and on every status change, and the in-charge's alert
/// on an SLA breach — all written to the outbox in the caller's transaction, delivered afterwards.
/// </summary>
public sealed class ServiceRequestNotifications(NigehbanDbContext db, TimeProvider clock, ForcePack force)
{
    private static readonly ResourceManager Messages = new(typeof(ServiceRequestMessages));

    /// <param name="into">The context the application is saved with, when that is not this request's own (ADR-014).</param>
    public void Submitted(ServiceRequest request, ServiceDefinition service, NigehbanDbContext? into = null)
    {
        var language = LanguageOf(request);
        ToApplicant(into ?? db, request, Text(language, "Sms.Submitted", request.Reference, service.NameIn(language), LocalDeadline(request.DueAt, force.TimeZone)));
    }

    public void StatusChanged(ServiceRequest request, ServiceDefinition service)
    {
        var language = LanguageOf(request);
        ToApplicant(db, request, request.Status switch
        {
            ServiceRequestStatus.Issued => Text(language, "Sms.Issued", request.Reference, service.NameIn(language)),
            ServiceRequestStatus.Rejected => Text(language, "Sms.Rejected", request.Reference, request.RejectionReason),
            ServiceRequestStatus.ReturnedForCorrection => Text(language, "Sms.Returned", request.Reference, request.CorrectionNote),
            _ => Text(language, "Sms.Status", request.Reference, request.Status),
        });
    }

    public void Breached(ServiceRequest request) =>
        Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{request.UnitCode}:in-charge",
            new { type = "sla-breached", reference = request.Reference, service = request.ServiceCode, unit = request.UnitCode, dueAt = request.DueAt },
            clock.GetUtcNow());

    /// <summary>The deadline in a text message: the same last day the pages show (<see cref="DeadlineDisplay"/>).</summary>
    internal static string LocalDeadline(DateTimeOffset dueAt, TimeZoneInfo timeZone) => DeadlineDisplay.ForMessage(dueAt, timeZone);

    /// <summary>Requests from before languages were recorded go out in the force's default language.</summary>
    private string LanguageOf(ServiceRequest request) => force.FindLanguage(request.ApplicantLanguage)?.Code ?? force.DefaultLanguage;

    /// <summary>A message in the citizen's language, signed with the force's name in that language (the pack's messageSignature).</summary>
    private string Text(string language, string key, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture, Message(language, key), [force.SignatureIn(language), .. values]);

    private static string Message(string language, string key) =>
        Messages.GetString(key, CultureInfo.GetCultureInfo(language)) ?? throw new InvalidOperationException($"message '{key}' is missing");

    private void ToApplicant(NigehbanDbContext into, ServiceRequest request, string text)
    {
        if (request.Applicant.Phone is { } phone)
        {
            Outbox.Enqueue(into, OutboxKinds.Sms, phone, new { text, reference = request.Reference }, clock.GetUtcNow());
        }

        if (request.Applicant.Email is { } email)
        {
            var subject = string.Format(CultureInfo.InvariantCulture, Message(LanguageOf(request), "Email.Subject"), request.Reference);
            Outbox.Enqueue(into, OutboxKinds.Email, email, new { subject, text, reference = request.Reference }, clock.GetUtcNow());
        }
    }
}
