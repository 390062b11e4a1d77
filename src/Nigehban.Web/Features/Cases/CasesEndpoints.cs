using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Features.Cases.FirCopy;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Features.Cases.RegisterFir;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Cases;

public sealed record CrimeHeadView(string Code, string Name);

public sealed record OffenceView(string Code, string Law, string Section, string Title, string CrimeHead);

public sealed record FirCatalogue(string ReferencePrefix, IReadOnlyList<CrimeHeadView> CrimeHeads, IReadOnlyList<OffenceView> Offences);

/// <summary>FIRs (issue 17): the offence catalogue, registration, the station's list and one FIR.</summary>
public static class CasesEndpoints
{
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var firs = app.MapGroup("/api/v1/firs").WithTags("FIRs");
        firs.MapGet("/offences", (CasesPack pack) => Catalogue(pack, Language))
            .WithName("GetOffenceCatalogue").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("The force's crime heads (most serious first, names in the caller's language) and offence catalogue.");
        firs.MapPost("/", Register).WithName("RegisterFir").RequireAuthorization(Permissions.ComplaintsRegister)
            .WithSummary("Registers an FIR at a station, directly or from a front-desk complaint (complaintReference), with its offences and parties; "
                + "numbered per station and year (123/2026). The complainant gets an SMS. Honours Idempotency-Key.");
        firs.MapGet("/", async ([AsParameters] FirQuery query, ReadFirsHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(query, ct)))
            .WithName("ListFirs").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("The FIRs of the caller's jurisdiction (?unit= a station), newest first.");
        firs.MapGet("/{reference}", async (string reference, ReadFirsHandler h, CancellationToken ct) => TypedResults.Ok(await h.GetAsync(reference, Language, ct)))
            .WithName("GetFir").RequireAuthorization(Permissions.FirsRead)
            .WithSummary("One FIR with its offences and parties (audited); outside the caller's jurisdiction: 404.");
        firs.MapGet("/{reference}/copy", async (string reference, RenderFirCopyHandler h, CancellationToken ct) =>
            {
                var (pdf, fileName) = await h.HandleAsync(reference, ct);
                return TypedResults.File(pdf, "application/pdf", fileName);
            })
            .WithName("GetFirCopy").RequireAuthorization(Permissions.FirsRead)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .WithSummary("The FIR copy: a PDF with a QR code the public verification page checks (audited).");
        app.MapInvestigation();
        app.MapWanted();
        return app;
    }

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static FirCatalogue Catalogue(CasesPack pack, string language) =>
        new(pack.ReferencePrefix,
            [.. pack.CrimeHeads.Select(h => new CrimeHeadView(h.Code, h.NameIn(language)))],
            [.. pack.Offences.Select(o => new OffenceView(o.Code, o.Law, o.Section, o.Title, o.Head.Code))]);

    internal static async Task<Created<RegisteredFir>> Register(
        RegisterFirCommand command,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        RegisterFirHandler handler,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(command, idempotencyKey, cancellationToken);
        IdempotentRequest.TellIfReplayed(httpContext.Response, result.Replayed);

        return TypedResults.Created($"/api/v1/firs/{result.Reference}", result);
    }
}
