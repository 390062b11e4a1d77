using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Protection.VirtualDesk;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Protection.InChargeBoard;

/// <summary>The in-charge's board: every centre in their jurisdiction, in counts and references, never who a person is (ADR-075).</summary>
public sealed record ProtectionBoard(DateTimeOffset At, int Days, IReadOnlyList<CentreBoard> Centres);

/// <summary>
/// One centre: open cases waiting to be taken and in hand, cases closed in the last <see cref="ProtectionBoard.Days"/>
/// days, follow-ups overdue, chats waiting and answered (within the pack's target) in those days, the
/// referrals late with a partner and the break-glass reads of those days.
/// </summary>
public sealed record CentreBoard(string Centre, string Type, int OpenWaiting, int OpenInHand, int Closed, int FollowUpsOverdue,
    int ChatsWaiting, int ChatsAnswered, int ChatsAnsweredOnTarget, IReadOnlyList<BoardReferral> LateReferrals, IReadOnlyList<BoardBreakGlass> BreakGlassReads);

/// <summary>A referral late with its partner: which clock it missed and when it was escalated to the in-charge.</summary>
public sealed record BoardReferral(string CaseReference, string Partner, DateTimeOffset SentAt, DateTimeOffset AcknowledgeDueAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset OutcomeDueAt, DateTimeOffset? AcknowledgementEscalatedAt, DateTimeOffset? OutcomeEscalatedAt);

/// <summary>A break-glass read the in-charge was alerted to: the case, the officer, when (the reason stays sealed).</summary>
public sealed record BoardBreakGlass(string CaseReference, string Officer, DateTimeOffset At);

/// <summary>
/// Builds the board for the centre in-charge (who supervises the station a centre sits at, ADR-072): the
/// centres whose units the caller's jurisdiction covers. The case rows pass the jurisdiction filter; the
/// board is an audited read.
/// </summary>
public sealed class ProtectionBoardHandler(NigehbanDbContext db, ProtectionPack pack, UnitDirectory units, JurisdictionScope scope, CurrentUser user, TimeProvider clock)
{
    public const int Days = 30;
    private const int MaxRows = 50;

    public async Task<ProtectionBoard> GetAsync(CancellationToken ct)
    {
        ProtectionAccess.EnsureOffered(pack);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-Days);
        var centres = pack.Centres.Where(c => units.Find(c.UnitCode) is { } unit && scope.Covers(unit)).ToList();
        var codes = centres.Select(c => c.UnitCode).ToList();

        var cases = await db.Set<ProtectionCase>().AsNoTracking()
            .Where(c => codes.Contains(c.UnitCode) && (c.Status == ProtectionCaseStatus.Open || c.ClosedAt >= since))
            .GroupBy(c => new { c.UnitCode, c.Status, InHand = c.AssignedAccountId != null })
            .Select(g => new { g.Key.UnitCode, g.Key.Status, g.Key.InHand, Count = g.Count() })
            .ToListAsync(ct);
        var followUps = await (
                from f in db.Set<ProtectionFollowUp>().AsNoTracking()
                join c in db.Set<ProtectionCase>() on f.CaseId equals c.Id
                where codes.Contains(c.UnitCode) && c.Status == ProtectionCaseStatus.Open && f.DoneAt == null && f.DueAt < now
                group f by c.UnitCode into g
                select new { UnitCode = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var late = await db.Set<ProtectionReferral>().AsNoTracking()
            .Where(r => codes.Contains(r.UnitCode)
                && ((r.AcknowledgedAt == null && r.AcknowledgeDueAt < now) || (r.OutcomeAt == null && r.OutcomeDueAt < now)))
            .OrderBy(r => r.AcknowledgeDueAt).Take(MaxRows * Math.Max(1, codes.Count))
            .ToListAsync(ct);
        var breakGlass = await (
                from b in db.Set<ProtectionBreakGlass>().AsNoTracking()
                join c in db.Set<ProtectionCase>() on b.CaseId equals c.Id
                where codes.Contains(c.UnitCode) && b.At >= since
                orderby b.At descending
                select new { c.UnitCode, c.Reference, b.UserName, b.At })
            .Take(MaxRows * Math.Max(1, codes.Count))
            .ToListAsync(ct);
        var chats = await db.Set<VirtualDeskChat>().AsNoTracking()
            .Where(c => codes.Contains(c.UnitCode) && (c.Status == VirtualDeskChatStatus.Waiting || c.FirstAnsweredAt >= since))
            .GroupBy(c => new { c.UnitCode, c.Status, OnTarget = c.AnsweredWithinTarget == true })
            .Select(g => new { g.Key.UnitCode, g.Key.Status, g.Key.OnTarget, Count = g.Count() })
            .ToListAsync(ct);

        db.Audit.Record(new AuditEntry("protection-board.read", "ProtectionBoard", user.UnitCode ?? "", Details: $"centres={codes.Count}", UnitPath: user.UnitPath));
        await db.SaveChangesAsync(ct);

        return new ProtectionBoard(now, Days, [.. centres.Select(centre =>
        {
            var code = centre.UnitCode;
            int CasesWhere(Func<ProtectionCaseStatus, bool, bool> match) =>
                cases.Where(c => c.UnitCode == code && match(c.Status, c.InHand)).Sum(c => c.Count);
            var chatsHere = chats.Where(c => c.UnitCode == code).ToList();
            return new CentreBoard(code, centre.Type,
                CasesWhere((s, inHand) => s == ProtectionCaseStatus.Open && !inHand),
                CasesWhere((s, inHand) => s == ProtectionCaseStatus.Open && inHand),
                CasesWhere((s, _) => s == ProtectionCaseStatus.Closed),
                followUps.Where(f => f.UnitCode == code).Sum(f => f.Count),
                chatsHere.Where(c => c.Status == VirtualDeskChatStatus.Waiting).Sum(c => c.Count),
                chatsHere.Where(c => c.Status != VirtualDeskChatStatus.Waiting).Sum(c => c.Count),
                chatsHere.Where(c => c.Status != VirtualDeskChatStatus.Waiting && c.OnTarget).Sum(c => c.Count),
                [.. late.Where(r => r.UnitCode == code).Take(MaxRows).Select(r => new BoardReferral(r.CaseReference, r.PartnerCode, r.SentAt,
                    r.AcknowledgeDueAt, r.AcknowledgedAt, r.OutcomeDueAt, r.AcknowledgementEscalatedAt, r.OutcomeEscalatedAt))],
                [.. breakGlass.Where(b => b.UnitCode == code).Take(MaxRows).Select(b => new BoardBreakGlass(b.Reference, b.UserName, b.At))]);
        })]);
    }
}
