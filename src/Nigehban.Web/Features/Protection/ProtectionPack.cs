using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Protection;

/// <summary>A coded choice of the protection pack (a group, a need, a kind of centre): its names per language.</summary>
public sealed record ProtectionChoice(string Code, IReadOnlyDictionary<string, string> Names)
{
    public string NameIn(string language) => PackNames.In(Names, language);
}

/// <summary>A unit where a protection desk sits, the kind of centre it is and its name.</summary>
public sealed record ProtectionCentre(string UnitCode, string Type, IReadOnlyDictionary<string, string> Names)
{
    public string NameIn(string language) => PackNames.In(Names, language);
}

/// <summary>A partner body a case may be referred to, and the needs it meets.</summary>
public sealed record ProtectionPartner(string Code, IReadOnlyDictionary<string, string> Names, IReadOnlyList<string> Needs)
{
    public string NameIn(string language) => PackNames.In(Names, language);
}

/// <summary>
/// The protection desks as the force pack describes them (<c>protection.json</c>): the reference
/// prefix, the kinds of centre and the units that are centres, the groups concerned and the needs,
/// the partner bodies, the referral clocks and the follow-up defaults. A pack without the file runs
/// no protection desk: the routes answer 404.
/// </summary>
public sealed class ProtectionPack
{
    public const string FileName = "protection.json";

    public ProtectionPack(ForcePack force)
    {
        if (!File.Exists(Path.Combine(force.Folder, FileName)))
        {
            return;
        }

        var reader = new PackFileReader(force, FileName);
        var file = ForcePackLoader.ReadSection<PackFile>(force, FileName);
        ReferencePrefix = reader.ReferencePrefix(file.ReferencePrefix, "PROT");
        CentreTypes = Choices(reader, "centreTypes", file.CentreTypes);
        Groups = Choices(reader, "groups", file.Groups);
        Needs = Choices(reader, "needs", file.Needs);

        var centres = new List<ProtectionCentre>();
        foreach (var centre in file.Centres ?? [])
        {
            var unit = centre.Unit ?? "";
            if (!force.Units.Any(u => string.Equals(u.Code, unit, StringComparison.Ordinal)))
            {
                throw reader.Fail(unit.Length == 0 ? "centres" : unit, $"centres: unit '{unit}' is not a unit code of units.csv");
            }

            if (!CentreTypes.Any(t => t.Code == centre.Type))
            {
                throw reader.Fail(unit, $"centres: '{unit}' has type '{centre.Type}', which centreTypes does not declare");
            }

            if (centres.Any(c => c.UnitCode == unit))
            {
                throw reader.Fail(unit, $"centres: unit '{unit}' is listed twice");
            }

            CheckNames(reader, force, unit, centre.Names);
            centres.Add(new ProtectionCentre(unit, centre.Type!, centre.Names!));
        }

        if (centres.Count == 0)
        {
            throw reader.Fail("centres", "centres: name at least one unit where a protection desk sits");
        }

        var partners = reader.Choices("partners", file.Partners, [], p => (p.Code, p.Names), (p, code, names) =>
        {
            var needs = p.Needs ?? [];
            if (needs.Count == 0 || needs.Any(n => !Needs.Any(known => known.Code == n)))
            {
                throw reader.Fail(code, $"partners: '{code}' needs a list of needs it meets, each one of the needs declared above");
            }

            return new ProtectionPartner(code, names, needs);
        });
        if (partners.Count == 0)
        {
            throw reader.Fail("partners", "partners: name at least one partner body");
        }

        var referrals = file.Referrals ?? new ReferralsFile();
        var followUps = file.FollowUps ?? new FollowUpsFile();
        IsOffered = true;
        Centres = centres;
        Partners = partners;
        AcknowledgeWithin = reader.ReadDeadline("acknowledgeWithin", referrals.AcknowledgeWithin ?? "48h");
        OutcomeWithin = reader.ReadDeadline("outcomeWithin", referrals.OutcomeWithin ?? "10wd");
        FirstFollowUpWithin = reader.ReadDeadline("firstWithin", followUps.FirstWithin ?? "72h");
        FollowUpEvery = reader.ReadDeadline("every", followUps.Every ?? "14wd");
        VirtualDesk = file.VirtualDesk is { } desk ? VirtualDeskSettings.Read(reader, desk, this) : null;
    }

    /// <summary>The virtual desk (citizen chat), when the pack runs one: which centre answers, the answer target, the limits.</summary>
    public VirtualDeskSettings? VirtualDesk { get; }

    /// <summary>False when the pack has no <c>protection.json</c>.</summary>
    public bool IsOffered { get; }

    public string ReferencePrefix { get; } = "";

    public IReadOnlyList<ProtectionChoice> CentreTypes { get; } = [];

    public IReadOnlyList<ProtectionCentre> Centres { get; } = [];

    public IReadOnlyList<ProtectionChoice> Groups { get; } = [];

    public IReadOnlyList<ProtectionChoice> Needs { get; } = [];

    public IReadOnlyList<ProtectionPartner> Partners { get; } = [];

    /// <summary>How long a partner has to acknowledge a referral.</summary>
    public Deadline AcknowledgeWithin { get; } = Deadline.Hours(48);

    /// <summary>How long a partner has, from the referral, to report its outcome.</summary>
    public Deadline OutcomeWithin { get; } = Deadline.WorkingDays(10);

    public Deadline FirstFollowUpWithin { get; } = Deadline.Hours(72);

    public Deadline FollowUpEvery { get; } = Deadline.WorkingDays(14);

    public ProtectionCentre? Centre(string? unitCode) => Centres.FirstOrDefault(c => string.Equals(c.UnitCode, unitCode?.Trim(), StringComparison.OrdinalIgnoreCase));

    public ProtectionChoice? Group(string? code) => Groups.FirstOrDefault(g => string.Equals(g.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public ProtectionChoice? Need(string? code) => Needs.FirstOrDefault(n => string.Equals(n.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public ProtectionPartner? Partner(string? code) => Partners.FirstOrDefault(p => string.Equals(p.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The centre's unit as the directory knows it now (its path changes when units move).</summary>
    public UnitInfo UnitOf(ProtectionCentre centre, UnitDirectory units) => units.Find(centre.UnitCode)
        ?? throw new InvalidOperationException($"The protection centre's unit '{centre.UnitCode}' is not in the unit directory.");

    private static List<ProtectionChoice> Choices(PackFileReader reader, string field, List<ChoiceFile>? entries)
    {
        var choices = reader.Choices(field, entries, [], e => (e.Code, e.Names), (_, code, names) => new ProtectionChoice(code, names));
        return choices.Count > 0 ? choices : throw reader.Fail(field, $"{field}: declare at least one");
    }

    private static void CheckNames(PackFileReader reader, ForcePack force, string token, Dictionary<string, string>? names)
    {
        if (names is null || !names.ContainsKey(force.DefaultLanguage))
        {
            throw reader.Fail(token, $"'{token}' needs a name in the default language '{force.DefaultLanguage}'");
        }

        if (names.Keys.FirstOrDefault(l => force.FindLanguage(l) is null) is { } unknown)
        {
            throw reader.Fail(token, $"'{token}' has a name in '{unknown}', which force.json does not declare");
        }
    }

    private sealed class PackFile
    {
        public string? ReferencePrefix { get; set; }
        public List<ChoiceFile>? CentreTypes { get; set; }
        public List<CentreFile>? Centres { get; set; }
        public List<ChoiceFile>? Groups { get; set; }
        public List<ChoiceFile>? Needs { get; set; }
        public List<PartnerFile>? Partners { get; set; }
        public ReferralsFile? Referrals { get; set; }
        public FollowUpsFile? FollowUps { get; set; }
        public VirtualDeskFile? VirtualDesk { get; set; }
    }

    private sealed class ChoiceFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
    }

    private sealed class CentreFile
    {
        public string? Unit { get; set; }
        public string? Type { get; set; }
        public Dictionary<string, string>? Names { get; set; }
    }

    private sealed class PartnerFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
        public List<string>? Needs { get; set; }
    }

    private sealed class ReferralsFile
    {
        public string? AcknowledgeWithin { get; set; }
        public string? OutcomeWithin { get; set; }
    }

    private sealed class FollowUpsFile
    {
        public string? FirstWithin { get; set; }
        public string? Every { get; set; }
    }
}

/// <summary>Lets <c>force validate</c> check protection.json like the core files of the pack.</summary>
internal sealed class ProtectionPackSection : IForcePackSection
{
    public void Check(ForcePack pack) => _ = new ProtectionPack(pack);
}
