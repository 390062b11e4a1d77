using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Protection.EscalateOverdueReferrals;

/// <summary>
/// A referral not acknowledged, or without an outcome, by the pack's deadline escalates once for each
/// to the centre's in-charge through the outbox (the alert names the referral, the case reference and
/// the partner, never the person). Force-wide background work on the platform's overdue sweep
/// (configuration <c>Protection:EscalationInterval</c>).
/// </summary>
public sealed class EscalateOverdueReferralsHandler(NigehbanDbContext db, JurisdictionScope scope, TimeProvider clock, ProtectionPack pack) : IOverdueSweep
{
    public async Task<int> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        if (!pack.IsOffered)
        {
            return 0;
        }

        scope.Unrestricted("referral clocks are watched force-wide by the system");
        var now = clock.GetUtcNow();
        var overdue = await db.Set<ProtectionReferral>()
            .Where(r => (r.AcknowledgedAt == null && r.AcknowledgementEscalatedAt == null && r.AcknowledgeDueAt < now)
                || (r.OutcomeAt == null && r.OutcomeEscalatedAt == null && r.OutcomeDueAt < now))
            .OrderBy(r => r.SentAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        foreach (var referral in overdue)
        {
            var missed = new List<string>();
            if (referral.AcknowledgedAt is null && referral.AcknowledgementEscalatedAt is null && referral.AcknowledgeDueAt < now)
            {
                referral.AcknowledgementEscalatedAt = now;
                missed.Add("acknowledgement");
            }

            if (referral.OutcomeAt is null && referral.OutcomeEscalatedAt is null && referral.OutcomeDueAt < now)
            {
                referral.OutcomeEscalatedAt = now;
                missed.Add("outcome");
            }

            Outbox.Enqueue(db, OutboxKinds.Alert, $"unit:{referral.UnitCode}:in-charge",
                new
                {
                    type = "protection-referral-overdue",
                    referral = referral.Id,
                    caseReference = referral.CaseReference,
                    partner = referral.PartnerCode,
                    missed,
                    acknowledgeDueAt = referral.AcknowledgeDueAt,
                    outcomeDueAt = referral.OutcomeDueAt,
                },
                now);
            db.Audit.Record(new AuditEntry("protection-referral.overdue", nameof(ProtectionReferral), referral.Id.ToString(),
                Details: $"missed={string.Join('+', missed)}", UnitPath: referral.UnitPath), actorName: "system");
        }

        await db.SaveChangesAsync(cancellationToken);
        return overdue.Count;
    }
}
