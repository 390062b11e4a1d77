using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Metrics;
using Nigehban.Web.Platform;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// The service centre's dashboard metrics over service applications. Days are force-local; a
/// request counts at its own unit (<see cref="ServiceRequest.UnitCode"/>).
/// </summary>
[ModuleContract]
public sealed class ServiceRequestMetrics : MetricSource<ServiceRequest>
{
    public const string Received = "service_requests_received";
    public const string Delivered = "service_requests_delivered";
    public const string Rejected = "service_requests_rejected";
    public const string Overdue = "service_requests_overdue";
    public const string DeadlineKept = "service_deadline_kept_percent";
    public const string Turnaround = "service_turnaround_minutes";
    public const string RecordCheckHits = "watchlist_hits";
    public const string Satisfied = "service_satisfied_percent";

    private const string Module = "service-centres";
    private const string ByService = "service";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Received, Module, MetricFormat.Count, "Service applications received.", ByService, Alert: true,
            Counting: "Every application, on the local day it was submitted (SubmittedAt), whatever its status now.", Public: true),
        new(Delivered, Module, MetricFormat.Count, "Service applications delivered (document issued).", ByService,
            Counting: "Applications whose status is Issued, on the local day they were closed (ClosedAt).", Public: true),
        new(Rejected, Module, MetricFormat.Count, "Service applications rejected.", ByService,
            Counting: "Applications whose status is Rejected, on the local day they were closed (ClosedAt)."),
        new(Overdue, Module, MetricFormat.Count, "Service applications that breached their deadline (SLA) while open.", ByService, Alert: true,
            Counting: "Applications with BreachedAt set (the escalation job marks each once), on the local day of BreachedAt."),
        new(DeadlineKept, Module, MetricFormat.Percent, "Share of delivered applications delivered by their deadline.", ByService,
            Counting: "Over delivered applications (as service_requests_delivered): 100 × those with ClosedAt ≤ DueAt ÷ all of them.", Public: true),
        new(Turnaround, Module, MetricFormat.Minutes, "Average time from submission to delivery, in minutes.", ByService,
            Counting: "Over delivered applications (as service_requests_delivered): mean of whole minutes from SubmittedAt to ClosedAt."),
        new(Satisfied, Module, MetricFormat.Percent, "Share of rated applications whose applicant was satisfied (rated 4 or 5 of 5).", ByService,
            Counting: "Applications with a Rating, on the local day of RatedAt: 100 × those rated 4 or 5 ÷ all rated."),
        new(RecordCheckHits, Module, MetricFormat.Count, "Applications whose record check found the applicant in police records (watchlist hit).",
            Suppressed: true, Alert: true,
            Counting: "Applications with RecordCheckHit = true, on the local day they were submitted; small cells (1–4) shown as <5."),
    ];

    protected override void Project(ServiceRequest request, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var unit = request.UnitCode;
        var service = request.ServiceCode;
        var submitted = LocalDay(request.SubmittedAt, timeZone);
        Both(facts, Received, unit, submitted, service, 1, 0);

        if (request.ClosedAt is { } closed)
        {
            var closedDay = LocalDay(closed, timeZone);
            if (request.Status == ServiceRequestStatus.Issued)
            {
                Both(facts, Delivered, unit, closedDay, service, 1, 0);
                Both(facts, DeadlineKept, unit, closedDay, service, 1, StoredTicks(closed) <= StoredTicks(request.DueAt) ? 1 : 0);
                Both(facts, Turnaround, unit, closedDay, service, 1, MinutesBetween(request.SubmittedAt, closed));
            }
            else if (request.Status == ServiceRequestStatus.Rejected)
            {
                Both(facts, Rejected, unit, closedDay, service, 1, 0);
            }
        }

        if (request.Rating is { } rating && request.RatedAt is { } rated)
        {
            Both(facts, Satisfied, unit, LocalDay(rated, timeZone), service, 1, rating >= 4 ? 1 : 0);
        }

        if (request.BreachedAt is { } breached)
        {
            Both(facts, Overdue, unit, LocalDay(breached, timeZone), service, 1, 0);
        }

        if (request.RecordCheckHit == true)
        {
            facts.Add(new MetricFact(RecordCheckHits, unit, submitted, "", 1, 0));
        }
    }

    protected override string? ReferenceOf(ServiceRequest entity) => entity.Reference;

    /// <summary>The same selections as <see cref="Project"/>, as a query. Watchlist hits are small-cell suppressed, so they list nothing.</summary>
    public override IQueryable<MetricRecord>? RecordsOf(Platform.Data.NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        var requests = db.Set<ServiceRequest>().AsNoTracking().Where(r => r.UnitPath.StartsWith(unitPath));
        if (!string.IsNullOrEmpty(dimension))
        {
            requests = requests.Where(r => r.ServiceCode == dimension);
        }

        return metric switch
        {
            Received => requests.Where(r => r.SubmittedAt >= from && r.SubmittedAt < to)
                .Select(r => new MetricRecord { Reference = r.Reference, UnitCode = r.UnitCode, Dimension = r.ServiceCode, Status = r.Status.ToString(), At = r.SubmittedAt }),
            Delivered or DeadlineKept or Turnaround => Closed(requests, ServiceRequestStatus.Issued, from, to),
            Rejected => Closed(requests, ServiceRequestStatus.Rejected, from, to),
            Overdue => requests.Where(r => r.BreachedAt >= from && r.BreachedAt < to)
                .Select(r => new MetricRecord { Reference = r.Reference, UnitCode = r.UnitCode, Dimension = r.ServiceCode, Status = r.Status.ToString(), At = r.BreachedAt!.Value }),
            Satisfied => requests.Where(r => r.Rating != null && r.RatedAt >= from && r.RatedAt < to)
                .Select(r => new MetricRecord { Reference = r.Reference, UnitCode = r.UnitCode, Dimension = r.ServiceCode, Status = r.Status.ToString(), At = r.RatedAt!.Value }),
            _ => null,
        };
    }

    public override bool ListsRecordsOf(string metric) => metric is Received or Delivered or DeadlineKept or Turnaround or Rejected or Overdue or Satisfied;

    public override string? RecordPage(string reference) => $"/console/applications/{Uri.EscapeDataString(reference)}";

    private static IQueryable<MetricRecord> Closed(IQueryable<ServiceRequest> requests, ServiceRequestStatus status, DateTimeOffset from, DateTimeOffset to) =>
        requests.Where(r => r.Status == status && r.ClosedAt >= from && r.ClosedAt < to)
            .Select(r => new MetricRecord { Reference = r.Reference, UnitCode = r.UnitCode, Dimension = r.ServiceCode, Status = r.Status.ToString(), At = r.ClosedAt!.Value });

    /// <summary>The total and the per-service row of one fact.</summary>
    private static void Both(ICollection<MetricFact> facts, string metric, string unit, DateOnly day, string service, long count, long measure)
    {
        facts.Add(new MetricFact(metric, unit, day, "", count, measure));
        facts.Add(new MetricFact(metric, unit, day, service, count, measure));
    }
}

/// <summary>The waiting hall's metrics over queue tokens, on the token's local day.</summary>
public sealed class QueueTokenMetrics : MetricSource<QueueToken>
{
    public const string Issued = "tokens_issued";
    public const string Waiting = "token_waiting_minutes";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Issued, "service-centres", MetricFormat.Count, "Queue tokens issued to citizens arriving at a service centre.",
            Counting: "Every token, on its local day (QueueToken.Day)."),
        new(Waiting, "service-centres", MetricFormat.Minutes, "Average wait from token issue to being called to a counter, in minutes.",
            Counting: "Tokens that have been called (CalledAt set): mean of whole minutes from IssuedAt to CalledAt, on the token's day."),
    ];

    protected override void Project(QueueToken token, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        facts.Add(new MetricFact(Issued, token.UnitCode, token.Day, "", 1, 0));
        if (token.CalledAt is { } called)
        {
            facts.Add(new MetricFact(Waiting, token.UnitCode, token.Day, "", 1, MinutesBetween(token.IssuedAt, called)));
        }
    }
}
