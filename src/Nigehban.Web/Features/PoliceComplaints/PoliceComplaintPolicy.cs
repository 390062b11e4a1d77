using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.PoliceComplaints;

/// <summary>One type of complaint against police and the time its inquiring officer has to reply.</summary>
public sealed record PoliceComplaintType(string Code, IReadOnlyDictionary<string, string> Names, Deadline ReplyWithin)
{
    public string NameIn(string language) =>
        Names.TryGetValue(language, out var name) ? name
        : Names.TryGetValue("en", out var english) ? english
        : Names.Values.First();
}

/// <summary>
/// The complaint centre as the force pack describes it (<c>police-complaints.json</c>): the unit that
/// owns every complaint, the reference prefix, channels, types with their reply clocks, the first-call
/// clock and the roles senior enough to inquire. A pack without the file runs no centre.
/// </summary>
public sealed class PoliceComplaintPolicy
{
    public const string FileName = "police-complaints.json";

    /// <summary>The channels the code knows: the centre's staff record the first three, citizens use the web.</summary>
    public static readonly IReadOnlyList<string> KnownChannels = ["phone", "sms", "web", "email"];

    private readonly Dictionary<string, PoliceComplaintType> _types = new(StringComparer.OrdinalIgnoreCase);

    public PoliceComplaintPolicy(ForcePack force)
    {
        if (!File.Exists(Path.Combine(force.Folder, FileName)))
        {
            return;
        }

        var file = ForcePackLoader.ReadSection<PolicyFile>(force, FileName);
        if (string.IsNullOrWhiteSpace(file.CentreUnit) || !force.Units.Any(u => string.Equals(u.Code, file.CentreUnit, StringComparison.Ordinal)))
        {
            throw ForcePackLoader.Fail(force, FileName, "centreUnit", $"centreUnit '{file.CentreUnit}' must be a unit code of units.csv");
        }

        if (file.ReferencePrefix is null || !Platform.References.ReferenceNumber.IsKindCode(file.ReferencePrefix))
        {
            throw ForcePackLoader.Fail(force, FileName, "referencePrefix", $"referencePrefix '{file.ReferencePrefix}' must be 2-5 capital letters");
        }

        if (!Deadline.TryParse(file.FirstCallWithin, out var firstCall))
        {
            throw ForcePackLoader.Fail(force, FileName, "firstCallWithin", $"firstCallWithin '{file.FirstCallWithin}' must look like '8h' or '1wd'");
        }

        var channels = file.Channels ?? [.. KnownChannels];
        if (channels.Count == 0 || channels.Any(c => !KnownChannels.Contains(c)))
        {
            throw ForcePackLoader.Fail(force, FileName, "channels", $"channels must be some of {string.Join('/', KnownChannels)}");
        }

        var roles = file.InquiryRoles ?? [];
        if (roles.Count == 0 || roles.Any(r => !Roles.IsKnown(r)))
        {
            throw ForcePackLoader.Fail(force, FileName, "inquiryRoles", $"inquiryRoles must name roles of the platform ({string.Join(", ", Roles.All)})");
        }

        foreach (var type in file.Types ?? [])
        {
            if (string.IsNullOrWhiteSpace(type.Code) || type.Names is not { Count: > 0 })
            {
                throw ForcePackLoader.Fail(force, FileName, "types", "every type needs a code and names");
            }

            if (!Deadline.TryParse(type.ReplyWithin, out var reply))
            {
                throw ForcePackLoader.Fail(force, FileName, type.Code, $"type '{type.Code}': replyWithin '{type.ReplyWithin}' must look like '24h' or '10wd'");
            }

            if (!_types.TryAdd(type.Code, new PoliceComplaintType(type.Code, type.Names, reply)))
            {
                throw ForcePackLoader.Fail(force, FileName, type.Code, $"duplicate type code '{type.Code}'");
            }
        }

        if (_types.Count == 0)
        {
            throw ForcePackLoader.Fail(force, FileName, "types", "the centre needs at least one complaint type");
        }

        IsOffered = true;
        CentreUnitCode = file.CentreUnit;
        CentreNames = file.CentreName ?? new Dictionary<string, string> { [force.DefaultLanguage] = force.Name };
        ReferencePrefix = file.ReferencePrefix;
        FirstCallWithin = firstCall;
        Channels = channels;
        InquiryRoles = roles;
        Types = [.. _types.Values];
    }

    /// <summary>False when the pack has no <c>police-complaints.json</c>: the routes then answer 404.</summary>
    public bool IsOffered { get; }

    public string CentreUnitCode { get; } = "";

    public IReadOnlyDictionary<string, string> CentreNames { get; } = new Dictionary<string, string>();

    public string ReferencePrefix { get; } = "";

    public Deadline FirstCallWithin { get; } = Deadline.Parse("8h");

    public IReadOnlyList<string> Channels { get; } = [];

    public IReadOnlyList<string> InquiryRoles { get; } = [];

    public IReadOnlyList<PoliceComplaintType> Types { get; } = [];

    public PoliceComplaintType? FindType(string? code) => code is not null && _types.TryGetValue(code, out var type) ? type : null;

    public bool IsSeniorEnough(IEnumerable<string> roles) => roles.Any(r => InquiryRoles.Contains(r, StringComparer.Ordinal));

    public string CentreNameIn(string language) =>
        CentreNames.TryGetValue(language, out var name) ? name : CentreNames.Values.FirstOrDefault() ?? "";

    /// <summary>The centre's unit as the directory knows it now (its path can change when units move).</summary>
    public UnitInfo CentreUnit(UnitDirectory units) => units.Find(CentreUnitCode)
        ?? throw new InvalidOperationException($"The complaint centre's unit '{CentreUnitCode}' is not in the unit directory.");

    private sealed class PolicyFile
    {
        public Dictionary<string, string>? CentreName { get; set; }
        public string? CentreUnit { get; set; }
        public string? ReferencePrefix { get; set; }
        public List<string>? Channels { get; set; }
        public string? FirstCallWithin { get; set; }
        public List<string>? InquiryRoles { get; set; }
        public List<TypeFile>? Types { get; set; }
    }

    private sealed class TypeFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
        public string? ReplyWithin { get; set; }
    }
}

/// <summary>Lets <c>force validate</c> check police-complaints.json like the core files of the pack.</summary>
internal sealed class PoliceComplaintPolicySection : IForcePackSection
{
    public void Check(ForcePack pack) => _ = new PoliceComplaintPolicy(pack);
}
