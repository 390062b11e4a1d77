using Nigehban.Web.Features.Cases.FirCopy;
using Nigehban.Web.Features.Cases.ImportIncidents;
using Nigehban.Web.Features.Cases.Pages.Console;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Features.Cases.RegisterFir;
using Nigehban.Web.Platform.Cli;
using Nigehban.Web.Platform.Documents;
using Nigehban.Web.Platform.Hosting;

namespace Nigehban.Web.Features.Cases;

/// <summary>
/// FIRs and investigations (issue 17). This part: the offence catalogue from the pack, FIR
/// registration (directly or from a front-desk complaint), the complainant's SMS, the dashboard's
/// FIRs by crime head with its live alert. Case work (IO transfer, diary, arrests, recoveries,
/// stages) and proclaimed offenders are still to come. The history import (<c>import incidents</c>)
/// brings in past incidents as closed case records (ADR-052, ADR-053).
/// </summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton<CasesPack>();
        services.AddPackFileReadAtStart<CasesPack>();
        services.AddScoped<FirNotifications>();
        services.AddScoped<RegisterFirHandler>();
        services.AddScoped<ReadFirsHandler>();
        services.AddScoped<RenderFirCopyHandler>();
        services.AddScoped<IDocumentVerifier, FirCopies>();
        services.AddScoped<ImportIncidentsHandler>();
        services.AddCliVerb<ImportIncidentsVerb>();
        services.AddCasesConsole();
        return services;
    }
}
