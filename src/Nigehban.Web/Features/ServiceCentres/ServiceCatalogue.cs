using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform;

namespace Nigehban.Web.Features.ServiceCentres;

[ModuleContract]
public sealed record RequiredDocument(string Code, IReadOnlyDictionary<string, string> Names);

/// <summary>One service of the force's catalogue (<c>services.json</c> in the pack).</summary>
[ModuleContract]
public sealed record ServiceDefinition(
    string Code,
    IReadOnlyDictionary<string, string> Names,
    decimal Fee,
    string Sla,
    string Agency,
    string Output,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Checks,
    IReadOnlyList<RequiredDocument> RequiredDocuments)
{
    public string NameIn(string language) => Localised(Names, language);

    public static string Localised(IReadOnlyDictionary<string, string> names, string language) =>
        names.TryGetValue(language, out var name) ? name
        : names.TryGetValue("en", out var english) ? english
        : names.Values.First();
}

/// <summary>
/// The force's service catalogue, read from the pack at start-up. A fault in the file stops start-up
/// with the file and line, like every other pack file.
/// </summary>
[ModuleContract]
public sealed class ServiceCatalogue
{
    public const string FileName = "services.json";

    private static readonly string[] KnownChannels = ["counter", "online", "embassy"];
    private static readonly string[] KnownChecks = ["criminal-record", "watchlist"];
    private static readonly string[] KnownOutputs = ["certificate", "receipt", "report", "fir-copy"];

    private readonly Dictionary<string, ServiceDefinition> _byCode;

    public ServiceCatalogue(ForcePack force)
    {
        var file = ForcePackLoader.ReadSection<CatalogueFile>(force, FileName);
        var services = new List<ServiceDefinition>();
        foreach (var s in file.Services ?? [])
        {
            if (string.IsNullOrWhiteSpace(s.Code))
            {
                throw ForcePackLoader.Fail(force, FileName, "code", "every service needs a code");
            }

            if (s.Names is not { Count: > 0 })
            {
                throw ForcePackLoader.Fail(force, FileName, s.Code, $"service '{s.Code}' needs names");
            }

            if (s.Fee < 0)
            {
                throw ForcePackLoader.Fail(force, FileName, s.Code, $"service '{s.Code}' has a negative fee");
            }

            if (!Deadline.TryParse(s.Sla, out _))
            {
                throw ForcePackLoader.Fail(force, FileName, s.Code, $"service '{s.Code}': sla '{s.Sla}' must look like '24h' or '5wd'");
            }

            var badChannel = s.Channels?.FirstOrDefault(c => !KnownChannels.Contains(c));
            var badCheck = s.Checks?.FirstOrDefault(c => !KnownChecks.Contains(c));
            if (badChannel is not null || badCheck is not null || !KnownOutputs.Contains(s.Output))
            {
                throw ForcePackLoader.Fail(force, FileName, s.Code,
                    $"service '{s.Code}': unknown channel, check or output (channels: {string.Join('/', KnownChannels)}; checks: {string.Join('/', KnownChecks)}; outputs: {string.Join('/', KnownOutputs)})");
            }

            services.Add(new ServiceDefinition(
                s.Code, s.Names, s.Fee, s.Sla!, s.Agency ?? force.Name, s.Output!,
                s.Channels ?? ["counter"], s.Checks ?? [],
                [.. (s.RequiredDocuments ?? []).Select(d => new RequiredDocument(d.Code, d.Names))]));
        }

        _byCode = new Dictionary<string, ServiceDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in services)
        {
            if (!_byCode.TryAdd(service.Code, service))
            {
                throw ForcePackLoader.Fail(force, FileName, service.Code, $"duplicate service code '{service.Code}'");
            }
        }

        All = services;
        Currency = force.Currency;
        ReferencePrefix = file.ReferencePrefix ?? DefaultReferencePrefix;
        if (!Platform.References.ReferenceNumber.IsKindCode(ReferencePrefix))
        {
            throw ForcePackLoader.Fail(force, FileName, "referencePrefix", $"referencePrefix '{ReferencePrefix}' must be 2-5 capital letters");
        }

        DefaultPaymentMethod = ReadPaymentMethod(force, file.DefaultPaymentMethod);
        ApplicantFields = ApplicantField.Read(force, FileName, file.ApplicantFields);
    }

    /// <summary>Used when services.json names no prefix: a neutral word, not any force's brand.</summary>
    public const string DefaultReferencePrefix = "APP";

    /// <summary>The kind part of every application's reference (<c>referencePrefix</c> in services.json).</summary>
    public string ReferencePrefix { get; }

    /// <summary>The payment method a counter's payment dialog starts on (<c>defaultPaymentMethod</c>).</summary>
    public PaymentMethod DefaultPaymentMethod { get; }

    /// <summary>The applicant details this force asks for besides name and national ID, in its order.</summary>
    public IReadOnlyList<ApplicantField> ApplicantFields { get; }

    /// <summary>
    /// A well-formed reference of this force to show as an example: its prefix, its first reference
    /// district, the year in its time zone, a small sequence and the right check character.
    /// </summary>
    public string ExampleReference(ForcePack force, DateTimeOffset now)
    {
        var district = force.Units.FirstOrDefault(u => u.Kind == force.ReferenceUnitKind && u.ShortCode is not null)?.ShortCode ?? "AB";
        var year = TimeZoneInfo.ConvertTime(now, force.TimeZone).Year % 100;
        return new Platform.References.ReferenceNumber(ReferencePrefix, district, year, 123).ToString();
    }

    public ApplicantField? Asks(string field) => ApplicantFields.FirstOrDefault(f => f.Field == field);

    private static PaymentMethod ReadPaymentMethod(ForcePack force, string? text) => text switch
    {
        null or "cash" => PaymentMethod.Cash,
        "bank" => PaymentMethod.Bank,
        "mobile-money" => PaymentMethod.MobileMoney,
        _ => throw ForcePackLoader.Fail(force, FileName, "defaultPaymentMethod", $"defaultPaymentMethod '{text}' must be cash, bank or mobile-money"),
    };

    public IReadOnlyList<ServiceDefinition> All { get; }

    public string Currency { get; }

    public ServiceDefinition? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var s) ? s : null;

    private sealed class CatalogueFile
    {
        public List<ServiceFile>? Services { get; set; }
        public string? ReferencePrefix { get; set; }
        public string? DefaultPaymentMethod { get; set; }
        public List<ApplicantField.FieldFile>? ApplicantFields { get; set; }
    }

    private sealed class ServiceFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
        public decimal Fee { get; set; }
        public string? Sla { get; set; }
        public string? Agency { get; set; }
        public string? Output { get; set; }
        public List<string>? Channels { get; set; }
        public List<string>? Checks { get; set; }
        public List<DocumentFile>? RequiredDocuments { get; set; }
    }

    private sealed class DocumentFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string> Names { get; set; } = [];
    }
}

/// <summary>Lets <c>force validate</c> check services.json like the core files of the pack.</summary>
internal sealed class ServiceCatalogueSection : IForcePackSection
{
    public void Check(ForcePack pack) => _ = new ServiceCatalogue(pack);
}
