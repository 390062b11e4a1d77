using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Protection.ListCases;

/// <summary>A case in a list: never who the person is (ADR-061).</summary>
public sealed record ProtectionCaseSummary(
    string Reference, string Centre, string Groups, string Needs, ProtectionChannel Channel, bool Anonymous,
    ProtectionCaseStatus Status, DateTimeOffset OpenedAt, string? AssignedOfficer, DateTimeOffset? NextFollowUpDueAt);

public sealed record FollowUpDue(string Reference, Guid FollowUpId, ProtectionFollowUpKind Kind, DateTimeOffset DueAt, bool Overdue);

public sealed record ReferralPending(
    Guid Id, string CaseReference, string Partner, string Need, DateTimeOffset SentAt, DateTimeOffset AcknowledgeDueAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset OutcomeDueAt, bool Overdue);

/// <summary>
/// The desk's lists: the cases it may find (or only the caller's, <c>?mine=true</c>), the follow-ups due
/// on the caller's cases, and the referrals still waiting for a partner. None carries a protected field.
/// </summary>
public sealed class ListCasesHandler(ProtectionAccess access, Nigehban.Web.Platform.Data.NigehbanDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<PagedList<ProtectionCaseSummary>> ListAsync(bool? mine, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = access.Cases().AsNoTracking();
        if (mine == true)
        {
            var me = user.AccountId ?? Guid.Empty;
            query = query.Where(c => c.AssignedAccountId == me);
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<ProtectionCaseStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted) || int.TryParse(status, out _))
            {
                throw new ValidationFailedException("status", ProtectionErrors.Text("Status.Unknown"));
            }

            query = query.Where(c => c.Status == wanted);
        }

        return await PagedList<ProtectionCaseSummary>.CreateAsync(
            query.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Reference),
            c => new ProtectionCaseSummary(c.Reference, c.UnitCode, c.Groups, c.Needs, c.Channel, c.Anonymous, c.Status, c.OpenedAt, c.AssignedUserName,
                c.FollowUps.Where(f => f.DoneAt == null).OrderBy(f => f.DueAt).Select(f => (DateTimeOffset?)f.DueAt).FirstOrDefault()),
            page ?? 1, pageSize ?? PagedList<ProtectionCaseSummary>.DefaultPageSize, cancellationToken);
    }

    /// <summary>Follow-ups not yet done on the cases the caller reads (assigned or granted), soonest first.</summary>
    public async Task<PagedList<FollowUpDue>> FollowUpsDueAsync(int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var me = user.AccountId ?? Guid.Empty;
        var now = clock.GetUtcNow();
        var cases = access.Cases().AsNoTracking()
            .Where(c => c.Status == ProtectionCaseStatus.Open && (c.AssignedAccountId == me || c.Grants.Any(g => g.AccountId == me)));
        var query = db.Set<ProtectionFollowUp>().AsNoTracking().Where(f => f.DoneAt == null)
            .Join(cases, f => f.CaseId, c => c.Id, (f, c) => new { c.Reference, f.Id, f.Kind, f.DueAt })
            .OrderBy(f => f.DueAt).ThenBy(f => f.Id);
        return await PagedList<FollowUpDue>.CreateAsync(query, f => new FollowUpDue(f.Reference, f.Id, f.Kind, f.DueAt, f.DueAt < now),
            page ?? 1, pageSize ?? PagedList<FollowUpDue>.DefaultPageSize, cancellationToken);
    }

    /// <summary>Referrals of the caller's centres still waiting for an acknowledgement or an outcome; <c>overdue</c> keeps the late ones.</summary>
    public async Task<PagedList<ReferralPending>> ReferralsPendingAsync(bool? overdue, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        ProtectionAccess.EnsureOffered(access.Pack);
        var now = clock.GetUtcNow();
        var query = db.Set<ProtectionReferral>().AsNoTracking().Where(r => r.AcknowledgedAt == null || r.OutcomeAt == null);
        if (overdue == true)
        {
            query = query.Where(r => (r.AcknowledgedAt == null && r.AcknowledgeDueAt < now) || (r.OutcomeAt == null && r.OutcomeDueAt < now));
        }

        return await PagedList<ReferralPending>.CreateAsync(query.OrderBy(r => r.AcknowledgeDueAt),
            r => new ReferralPending(r.Id, r.CaseReference, r.PartnerCode, r.NeedCode, r.SentAt, r.AcknowledgeDueAt, r.AcknowledgedAt, r.OutcomeDueAt,
                (r.AcknowledgedAt == null && r.AcknowledgeDueAt < now) || (r.OutcomeAt == null && r.OutcomeDueAt < now)),
            page ?? 1, pageSize ?? PagedList<ReferralPending>.DefaultPageSize, cancellationToken);
    }
}
