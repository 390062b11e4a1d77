using Nigehban.Web.Features.Cases.AssignInvestigatingOfficer;
using Nigehban.Web.Features.Cases.CloseWarrant;
using Nigehban.Web.Features.Cases.EscalateOverdueCustody;
using Nigehban.Web.Features.Cases.EscalateOverdueStages;
using Nigehban.Web.Features.Cases.FirCopy;
using Nigehban.Web.Features.Cases.ImportIncidents;
using Nigehban.Web.Features.Cases.IssueWarrant;
using Nigehban.Web.Features.Cases.MoveFirStage;
using Nigehban.Web.Features.Cases.Pages.Console;
using Nigehban.Web.Features.Cases.ProclaimOffender;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Features.Cases.ReadInvestigation;
using Nigehban.Web.Features.Cases.ReadWanted;
using Nigehban.Web.Features.Cases.RecordArrest;
using Nigehban.Web.Features.Cases.RecordCourtProduction;
using Nigehban.Web.Features.Cases.RecordRecovery;
using Nigehban.Web.Features.Cases.RegisterFir;
using Nigehban.Web.Features.Cases.WriteCaseDiary;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Watchlists;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// FIRs and investigations (issue 17): the offence catalogue from the pack, FIR registration
/// (directly or from a front-desk complaint), the complainant's SMS, the dashboard's FIRs by crime
/// head with its live alert; case work (IO transfer, diary, arrests, recoveries, stages with the
/// pack's deadlines and their escalation); the history import (<c>import incidents</c>), which brings
/// in past incidents as closed case records (ADR-052, ADR-053); proclaimed offenders and warrants, and the
/// wanted list other modules match against through <see cref="IWantedPersons"/> (ADR-054).
/// </summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton<CasesPack>();
        services.AddPackFileReadAtStart<CasesPack>();
        services.AddScoped<FirNotifications>();
        services.AddScoped<RegisterFirHandler>();
        services.AddScoped<FirLinks>();
        services.AddScoped<ReadFirsHandler>();
        services.AddScoped<RenderFirCopyHandler>();
        services.AddScoped<IDocumentVerifier, FirCopies>();
        services.AddScoped<IRecordCopies, FirCopiesAtServiceCentres>();
        services.AddScoped<CaseWork>();
        services.AddScoped<AssignInvestigatingOfficerHandler>();
        services.AddScoped<WriteCaseDiaryHandler>();
        services.AddScoped<RecordArrestHandler>();
        services.AddScoped<RecordRecoveryHandler>();
        services.AddScoped<MoveFirStageHandler>();
        services.AddScoped<ReadInvestigationHandler>();
        services.AddScoped<ProclaimOffenderHandler>();
        services.AddScoped<IssueWarrantHandler>();
        services.AddScoped<CloseWarrantHandler>();
        services.AddScoped<ReadWantedHandler>();
        services.AddScoped<IWantedPersons, WantedPersonsLookup>();
        services.AddScoped<RecordCourtProductionHandler>();
        services.AddScoped<EscalateOverdueCustodyHandler>();
        services.AddOverdueSweep<EscalateOverdueStagesHandler>("Cases");
        services.AddScoped<ImportIncidentsHandler>();
        services.AddCliVerb<ImportIncidentsVerb>();
        services.AddCasesConsole();
        return services;
    }
}
