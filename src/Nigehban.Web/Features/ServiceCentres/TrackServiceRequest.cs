using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Nigehban.Web.Platform;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>What happened at a point of the citizen's timeline.</summary>
public enum TimelineEvent
{
    /// <summary>The application's status changed (<see cref="TimelineStep.Status"/> is the new one).</summary>
    StatusChanged,

    /// <summary>The application was made; <see cref="TimelineStep.Detail"/> is the channel (online, counter, embassy).</summary>
    Applied,

    /// <summary>A required document arrived; <see cref="TimelineStep.Detail"/> is its code.</summary>
    DocumentReceived,

    /// <summary>The fee was paid.</summary>
    FeePaid,
}

/// <param name="Status">The application's status from this point on.</param>
/// <param name="Detail">The channel of <see cref="TimelineEvent.Applied"/>, the document code of <see cref="TimelineEvent.DocumentReceived"/>.</param>
public sealed record TimelineStep(ServiceRequestStatus Status, DateTimeOffset At, string? Note, TimelineEvent Event = TimelineEvent.StatusChanged, string? Detail = null);

/// <summary>One document the service requires, by its title in the reader's language, and whether it has arrived.</summary>
public sealed record DocumentReceipt(string Code, string Name, bool Received);

/// <summary>What a citizen sees: no applicant details beyond a masked name, no officer names.</summary>
public sealed record ServiceRequestStatusView(
    string Reference,
    string ServiceCode,
    string Service,
    ServiceRequestStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string ApplicantName,
    string? ReasonForCitizen,
    IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<DocumentReceipt> Documents);

/// <summary>
/// Public tracking by reference plus national ID. Both must match one application; a wrong ID, a
/// mistyped reference (its check character fails) or an unknown one all answer the same 404, so the
/// endpoint cannot be used to learn that a reference exists.
/// </summary>
/// <remarks>
/// Most answers come from <see cref="TrackingCache"/> (ADR-015), which serves an entry only to the
/// national ID it was read with; everything else, wrong IDs included, reads the database. The
/// request's DbContext is resolved only then: renting and binding one costs a cached read more
/// than the rest of its work.
/// </remarks>
public sealed class TrackServiceRequestHandler(IServiceProvider services, TrackingCache cache, ServiceCatalogue catalogue, ForcePack force)
{
    /// <summary>
    /// The database read, compiled: it skips EF's per-call expression walk and cache look-up, and
    /// projects only what a citizen may see instead of materialising the application with its owned
    /// applicant and steps. A compiled query is bound to the model it was first run with, so there
    /// is one per model (a process may hold a SQLite and a PostgreSQL model, as the tests do).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<NigehbanDbContext, string, string, CancellationToken, Task<TrackedApplication?>>> Compiled = [];

    private static Func<NigehbanDbContext, string, string, CancellationToken, Task<TrackedApplication?>> Compile(IModel model) =>
        EF.CompileAsyncQuery((NigehbanDbContext context, string reference, string nationalId, CancellationToken _) =>
            context.Set<ServiceRequest>()
                .IgnoreQueryFilters() // public look-up by a secret pair (reference + national ID), see class comment
                .Where(r => r.Reference == reference && r.Applicant.NationalId == nationalId)
                .Select(r => new TrackedApplication(
                    r.Reference,
                    r.ServiceCode,
                    r.Status,
                    r.SubmittedAt,
                    r.DueAt,
                    r.Applicant.Name,
                    r.RejectionReason,
                    r.CorrectionNote,
                    r.Channel,
                    r.Steps.OrderBy(s => s.At).Select(s => new TrackedStep(s.FromStatus, s.ToStatus, s.At, s.Note)).ToList(),
                    context.Set<SupportingDocument>().Where(d => d.ServiceRequestId == r.Id).Select(d => new TrackedUpload(d.DocumentCode, d.UploadedAt)).ToList(),
                    context.Set<FeePayment>().Where(p => p.ServiceRequestId == r.Id).Select(p => (DateTimeOffset?)p.ReceivedAt).FirstOrDefault()))
                .FirstOrDefault());

    public async Task<ServiceRequestStatusView> HandleAsync(string reference, string? nationalId, string language, CancellationToken cancellationToken)
    {
        if (!ReferenceNumber.TryParse(reference, out var parsed) || force.NationalId.Normalise(nationalId) is not { } id)
        {
            throw NotFound();
        }

        var canonical = parsed.ToString();
        if (!cache.TryGet(canonical, id, out var status))
        {
            var generation = cache.Generation(canonical);
            var db = services.GetRequiredService<NigehbanDbContext>();
            var request = await Compiled.GetValue(db.Model, Compile)(db, canonical, id, cancellationToken) ?? throw NotFound();
            status = ForCitizen(request);
            cache.Store(canonical, id, status, generation);
        }

        var service = catalogue.Find(status.ServiceCode);
        return new ServiceRequestStatusView(
            status.Reference,
            status.ServiceCode,
            service?.NameIn(language) ?? status.ServiceCode,
            status.Status,
            status.SubmittedAt,
            status.DueAt,
            status.MaskedApplicantName,
            status.ReasonForCitizen,
            status.Timeline,
            [.. (service?.RequiredDocuments ?? []).Select(d => new DocumentReceipt(d.Code, ServiceDefinition.Localised(d.Names, language), status.ReceivedDocuments.Contains(d.Code)))]);
    }

    private static NotFoundException NotFound() => new("reference", ServiceCentreErrors.Text("Track.NoMatch"));

    /// <summary>The language-independent part of the answer; what the cache holds (so it holds no full names).</summary>
    private static TrackedStatus ForCitizen(TrackedApplication request) => new(
        request.Reference,
        request.ServiceCode,
        request.Status,
        request.SubmittedAt,
        request.DueAt,
        Masking.Name(request.ApplicantName),
        request.Status switch
        {
            ServiceRequestStatus.Rejected => request.RejectionReason,
            ServiceRequestStatus.ReturnedForCorrection => request.CorrectionNote,
            _ => null,
        },
        Timeline(request),
        [.. request.Uploads.Select(u => u.DocumentCode).Distinct()]);

    /// <summary>
    /// The status changes, uploads and the payment in the order they happened, each carrying the
    /// status the application had from then on; the words are the page's, chosen by the event.
    /// </summary>
    private static List<TimelineStep> Timeline(TrackedApplication request)
    {
        var steps = request.Steps.Select(s => s.FromStatus is null
            ? new TimelineStep(s.ToStatus, s.At, null, TimelineEvent.Applied, request.Channel.ToString().ToLowerInvariant())
            : new TimelineStep(s.ToStatus, s.At, CitizenNote(s)));
        var uploads = request.Uploads.Select(u => new TimelineStep(ServiceRequestStatus.Submitted, u.At, null, TimelineEvent.DocumentReceived, u.DocumentCode));
        var payment = request.PaidAt is { } paidAt ? [new TimelineStep(ServiceRequestStatus.Submitted, paidAt, null, TimelineEvent.FeePaid)] : Array.Empty<TimelineStep>();
        var status = ServiceRequestStatus.Submitted;
        var timeline = new List<TimelineStep>();
        // A status change sorts before what happened at the same instant, so an upload made with the application follows it.
        foreach (var step in steps.Concat(uploads).Concat(payment).OrderBy(s => s.At).ThenBy(s => s.Event is TimelineEvent.Applied or TimelineEvent.StatusChanged ? 0 : 1))
        {
            status = step.Event is TimelineEvent.Applied or TimelineEvent.StatusChanged ? step.Status : status;
            timeline.Add(step with { Status = status });
        }

        return timeline;
    }

    /// <summary>
    /// The officer's words to the citizen (why it was rejected or returned). The submission step's note
    /// is the system's English record of the channel: the step's status already tells the citizen, in
    /// their language, that it was submitted.
    /// </summary>
    private static string? CitizenNote(TrackedStep step) =>
        step.ToStatus is ServiceRequestStatus.Rejected or ServiceRequestStatus.ReturnedForCorrection ? step.Note : null;

    private sealed record TrackedStep(ServiceRequestStatus? FromStatus, ServiceRequestStatus ToStatus, DateTimeOffset At, string? Note);

    private sealed record TrackedUpload(string DocumentCode, DateTimeOffset At);

    private sealed record TrackedApplication(
        string Reference,
        string ServiceCode,
        ServiceRequestStatus Status,
        DateTimeOffset SubmittedAt,
        DateTimeOffset DueAt,
        string ApplicantName,
        string? RejectionReason,
        string? CorrectionNote,
        ServiceChannel Channel,
        List<TrackedStep> Steps,
        List<TrackedUpload> Uploads,
        DateTimeOffset? PaidAt);
}

/// <summary>Shows enough of a name to reassure its owner and too little to identify a stranger. Other modules' public pages use it too.</summary>
[ModuleContract]
public static class Masking
{
    /// <summary>"Ayesha Khan" → "A***** K***".</summary>
    public static string Name(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => part[0] + new string('*', Math.Max(part.Length - 1, 1))));
}
