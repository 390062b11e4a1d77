using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Audit;

/// <summary>The audit trail over HTTP: for auditors, and nobody else.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit-events").WithTags("Audit").RequireAuthorization(Permissions.AuditRead);

        group.MapGet("/", async (ListAuditEventsHandler handler, DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action,
                    int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(
                    new AuditEventQuery(from, to, actor, action, page ?? 1, pageSize ?? PagedList<AuditEventResponse>.DefaultPageSize), ct)))
            .WithName("ListAuditEvents")
            .WithSummary("Audit events, newest first, filtered by time (from inclusive, to exclusive), actor and action (a trailing '*' matches a prefix).");

        group.MapGet("/verification", async (VerifyAuditChainHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("VerifyAuditChain")
            .WithSummary("Walks the whole hash chain and the recorded checkpoints: intact, or the first broken sequence number; vouched says whether a checkpoint outside the database covers it.");
        return app;
    }
}

/// <summary>Runs the verifier for an auditor and records that it was run and what it found.</summary>
public sealed class VerifyAuditChainHandler(AuditVerifier verifier, Data.NigehbanDbContext db)
{
    public async Task<AuditVerification> HandleAsync(CancellationToken cancellationToken)
    {
        var result = await verifier.VerifyAsync(cancellationToken);
        db.Audit.Record(new AuditEntry(
            "audit-events.verified",
            Details: !result.Intact ? $"broken at {result.FirstBrokenSequence}: {result.Reason}"
                : result.Vouched ? $"intact at head {result.HeadSequence}" : $"cannot vouch at head {result.HeadSequence}: {result.Reason}"));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
