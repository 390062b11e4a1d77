using Nigehban.Web.Components.Portal;
using Nigehban.Web.Features.Protection.EscalateOverdueReferrals;
using Nigehban.Web.Features.Protection.InChargeBoard;
using Nigehban.Web.Features.Protection.ListCases;
using Nigehban.Web.Features.Protection.OpenCase;
using Nigehban.Web.Features.Protection.Pages.Console;
using Nigehban.Web.Features.Protection.PartnerReferrals;
using Nigehban.Web.Features.Protection.ReadCase;
using Nigehban.Web.Features.Protection.ReferCase;
using Nigehban.Web.Features.Protection.VirtualDesk;
using Nigehban.Web.Features.Protection.WorkCase;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Metrics;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Protection;

/// <summary>Protection desks (mechanism 10): confidential cases, referrals to partner bodies with enforced clocks, break-glass reads.</summary>
public static class ProtectionModule
{
    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddSingleton<ProtectionPack>();
        services.AddPackFileReadAtStart<ProtectionPack>();
        services.AddSingleton<IMetricUnitSet, ProtectionCentreFigures>();
        services.AddScoped<ProtectionAccess>();
        services.AddScoped<OpenCaseHandler>();
        services.AddScoped<ReadCaseHandler>();
        services.AddScoped<ListCasesHandler>();
        services.AddScoped<WorkCaseHandler>();
        services.AddScoped<ReferCaseHandler>();
        services.AddScoped<ProtectionBoardHandler>();
        services.AddScoped<PartnerReferralsHandler>();
        services.AddSingleton<VirtualDeskSignals>();
        services.AddSingleton(new CitizenTaskLink(CitizenTask.TalkToProtectionDesk, "/virtual-desk"));
        services.AddScoped<ChatTranscript>();
        services.AddScoped<TalkToTheDeskHandler>();
        services.AddScoped<AnswerChatsHandler>();
        services.AddScoped<IDemoDataSeed, SeedDemoPartner>();
        services.AddScoped<IDemoDataSeed, SeedDemoCases>();
        services.AddOverdueSweep<EscalateOverdueReferralsHandler>("Protection");
        services.AddProtectionConsole();
        return services;
    }
}
