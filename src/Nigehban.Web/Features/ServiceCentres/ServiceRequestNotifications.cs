using System.Globalization;
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
    /// <param name="into">The context the application is saved with, when that is not this request's own (ADR-014).</param>
    public void Submitted(ServiceRequest request, ServiceDefinition service, NigehbanDbContext? into = null) =>
        ToApplicant(into ?? db, request, $"Nigehban: your application {request.Reference} for {service.NameIn("en")} was received. Due by {LocalDeadline(request.DueAt, force.TimeZone)}. Track it with your reference and ID number.");

    public void StatusChanged(ServiceRequest request, ServiceDefinition service) =>
        ToApplicant(db, request, request.Status switch
        {
            ServiceRequestStatus.Issued => $"Nigehban: your {service.NameIn("en")} ({request.Reference}) has been issued.",
            ServiceRequestStatus.Rejected => $"Nigehban: your application {request.Reference} was not approved. Reason: {request.RejectionReason}",
            ServiceRequestStatus.ReturnedForCorrection => $"Nigehban: your application {request.Reference} needs a correction: {request.CorrectionNote}",
            _ => $"Nigehban: your application {request.Reference} is now: {request.Status}.",
        });

    public void Breached(ServiceRequest request) =>
        Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{request.UnitCode}:in-charge",
            new { type = "sla-breached", reference = request.Reference, service = request.ServiceCode, unit = request.UnitCode, dueAt = request.DueAt },
            clock.GetUtcNow());

    /// <summary>
    /// The deadline as the citizen reads it, in the force's time zone: a working-day deadline ends at
    /// local midnight, so it is named by the day it ends ("2026-11-27"), an hours deadline by its time.
    /// </summary>
    internal static string LocalDeadline(DateTimeOffset dueAt, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(dueAt, timeZone);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private void ToApplicant(NigehbanDbContext into, ServiceRequest request, string text)
    {
        if (request.Applicant.Phone is { } phone)
        {
            Outbox.Enqueue(into, OutboxKinds.Sms, phone, new { text, reference = request.Reference }, clock.GetUtcNow());
        }

        if (request.Applicant.Email is { } email)
        {
            Outbox.Enqueue(into, OutboxKinds.Email, email, new { subject = $"Application {request.Reference}", text, reference = request.Reference }, clock.GetUtcNow());
        }
    }
}
