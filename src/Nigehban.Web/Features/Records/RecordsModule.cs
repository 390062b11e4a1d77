using Nigehban.Web.Features.Records.AlertInbox;
using Nigehban.Web.Features.Records.CriminalHistory;
using Nigehban.Web.Features.Records.EscalateAlerts;
using Nigehban.Web.Features.Records.MatchRegistrations;
using Nigehban.Web.Features.Records.RegisterEmployee;
using Nigehban.Web.Features.Records.RegisterGuests;
using Nigehban.Web.Features.Records.RegisterTenant;
using Nigehban.Web.Features.Records.RegisterTravellers;
using Nigehban.Web.Features.Records.MergePersons;
using Nigehban.Web.Features.Records.Pages.Console;
using Nigehban.Web.Features.Records.ReadPerson;
using Nigehban.Web.Features.Records.RegisterPerson;
using Nigehban.Web.Features.Records.SearchPersons;
using Nigehban.Web.Features.Records.StolenVehicleDesk;
using Nigehban.Web.Features.Records.TellWhoLooked;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Criminal records (issue 19): persons keyed by the force's national ID or described without one,
/// their names in every script, criminal history and closed records, merges of duplicates; search
/// by ID, name, father's name and phone with a stated purpose, audited and guarded against bulk use;
/// and the record check other modules call (<see cref="IRecordCheck"/>); registrations (hotel guests,
/// tenants) matched on arrival against the wanted, and the station's inbox of the alerts they raise.
/// </summary>
public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddSingleton<RecordsPack>();
        services.AddPackFileReadAtStart<RecordsPack>();
        services.AddSingleton<NameKeys>();
        services.AddSingleton<LookupGuard>();
        services.AddScoped<RecordsScope>();
        services.AddScoped<LookupRecorder>();
        services.AddScoped<PersonNameIndex>();
        services.AddScoped<SearchPersonsHandler>();
        services.AddScoped<RegisterPersonHandler>();
        services.AddScoped<ReadPersonHandler>();
        services.AddScoped<CriminalHistoryHandler>();
        services.AddScoped<MergePersonsHandler>();
        services.AddScoped<TellWhoLookedHandler>();
        services.AddScoped<IRecordCheck, PersonRecordCheck>();

        // Registrations: hotels sign in by their key; a registration of a wanted person raises an alert.
        services.AddRegistrarKey<Hotel>(HotelKey.Kind);
        services.AddRegistrarKey<TransportTerminal>(TerminalKey.Kind);
        services.AddScoped<RegistrationMatcher>();
        services.AddSingleton(new RegistrarBook<Hotel>(HotelKey.Kind, Hotel.ForPlace, () => RecordsErrors.Text("Hotel.NotFound")));
        services.AddScoped<RegistrarBooks<Hotel>>();
        services.AddScoped<RegisterGuestsHandler>();
        services.AddScoped<UploadGuestsHandler>();
        services.AddScoped<AlertInboxHandler>();
        services.AddScoped<RegisterTenantHandler>();
        services.AddScoped<StolenVehicleDeskHandler>();
        services.AddScoped<RegisterEmployeeHandler>();
        services.AddSingleton(new RegistrarBook<TransportTerminal>(TerminalKey.Kind, TransportTerminal.ForPlace, () => TerminalErrors.Text("Terminal.NotFound")));
        services.AddScoped<RegistrarBooks<TransportTerminal>>();
        services.AddScoped<RegisterTravellersHandler>();
        services.AddOverdueSweep<EscalateUnacknowledgedAlertsHandler>("Records");
        services.AddStartupStep<KeyPersonNames>();
        services.AddScoped<IDemoDataSeed, SeedDemoRecords>();
        services.AddScoped<IDemoDataSeed, SeedDemoHotel>();
        services.AddScoped<IDemoDataSeed, SeedDemoStolenVehicle>();
        services.AddScoped<IDemoDataSeed, SeedDemoTerminal>();
        services.AddRecordsConsole();
        return services;
    }
}
