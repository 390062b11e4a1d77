using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>A complaint category or a visitor purpose of the pack: a code and its names per language.</summary>
public sealed record DeskChoice(string Code, IReadOnlyDictionary<string, string> Names, Deadline? Inquiry = null)
{
    public string NameIn(string language) =>
        Names.TryGetValue(language, out var name) ? name
        : Names.TryGetValue("en", out var english) ? english
        : Names.Values.First();
}

/// <summary>
/// The front desk's part of the force pack (<c>front-desk.json</c>): the complaints' reference
/// prefix, categories and stage deadlines, and the visitor log's purposes. A pack without the file
/// gets a minimal desk (ADR-042), so a new force can start before it has written one.
/// </summary>
public sealed class FrontDeskPack
{
    public const string FileName = "front-desk.json";

    /// <summary>Used when the pack names no prefix: a neutral word, not any force's brand.</summary>
    public const string DefaultReferencePrefix = "COMP";

    public FrontDeskPack(ForcePack force)
    {
        var path = Path.Combine(force.Folder, FileName);
        var file = File.Exists(path) ? ForcePackLoader.ReadSection<PackFile>(force, FileName) : new PackFile();

        ReferencePrefix = file.ReferencePrefix ?? DefaultReferencePrefix;
        if (!ReferenceNumber.IsKindCode(ReferencePrefix))
        {
            throw ForcePackLoader.Fail(force, FileName, "referencePrefix", $"referencePrefix '{ReferencePrefix}' must be 2-5 capital letters");
        }

        var stages = file.Stages ?? new StagesFile();
        ReceivedDeadline = ReadDeadline(force, "received", stages.Received ?? "24h");
        AssignedDeadline = ReadDeadline(force, "assigned", stages.Assigned ?? "24h");
        InquiryDeadline = ReadDeadline(force, "underInquiry", stages.UnderInquiry ?? "10wd");
        SupervisorEscalationAfter = ReadDeadline(force, "supervisorEscalationAfter", file.SupervisorEscalationAfter ?? "24h");

        Categories = ReadChoices(force, "categories", file.Categories, [new ChoiceFile { Code = "general", Names = new() { [force.DefaultLanguage] = "General" } }]);
        VisitorPurposes = ReadChoices(force, "visitorPurposes", file.VisitorPurposes,
            [new ChoiceFile { Code = "complaint", Names = new() { [force.DefaultLanguage] = "Complaint" } },
             new ChoiceFile { Code = "other", Names = new() { [force.DefaultLanguage] = "Other" } }]);
    }

    /// <summary>The kind part of every complaint's reference (<c>referencePrefix</c>).</summary>
    public string ReferencePrefix { get; }

    /// <summary>How long a new complaint may wait for an inquiry officer (or, at a district, for routing to a station).</summary>
    public Deadline ReceivedDeadline { get; }

    /// <summary>How long an assigned officer may take to open the inquiry.</summary>
    public Deadline AssignedDeadline { get; }

    /// <summary>How long an inquiry may run before disposal, unless the category sets its own.</summary>
    public Deadline InquiryDeadline { get; }

    /// <summary>After a breach alerted the station in-charge, how long until the supervising unit's in-charge is alerted.</summary>
    public Deadline SupervisorEscalationAfter { get; }

    public IReadOnlyList<DeskChoice> Categories { get; }

    public IReadOnlyList<DeskChoice> VisitorPurposes { get; }

    public DeskChoice? Category(string? code) => Categories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    public DeskChoice? Purpose(string? code) => VisitorPurposes.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The deadline of a stage of a complaint of this category.</summary>
    public Deadline DeadlineOf(ComplaintStatus stage, string categoryCode) => stage switch
    {
        ComplaintStatus.Received => ReceivedDeadline,
        ComplaintStatus.Assigned => AssignedDeadline,
        ComplaintStatus.UnderInquiry => Category(categoryCode)?.Inquiry ?? InquiryDeadline,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "A disposed complaint has no deadline."),
    };

    private static Deadline ReadDeadline(ForcePack force, string field, string text) =>
        Deadline.TryParse(text, out var deadline)
            ? deadline
            : throw ForcePackLoader.Fail(force, FileName, field, $"{field}: '{text}' must look like '24h' or '5wd'");

    private static List<DeskChoice> ReadChoices(ForcePack force, string field, List<ChoiceFile>? items, List<ChoiceFile> fallback)
    {
        var choices = new List<DeskChoice>();
        foreach (var item in items is { Count: > 0 } ? items : fallback)
        {
            if (string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > 40 || !item.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code ?? field, $"{field}: every entry needs a code of lower-case letters, digits and hyphens (at most 40)");
            }

            if (item.Names is null || !item.Names.ContainsKey(force.DefaultLanguage))
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code, $"{field}: '{item.Code}' needs a name in the default language '{force.DefaultLanguage}'");
            }

            var unknownLanguage = item.Names.Keys.FirstOrDefault(l => force.FindLanguage(l) is null);
            if (unknownLanguage is not null)
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code, $"{field}: '{item.Code}' has a name in '{unknownLanguage}', which force.json does not declare");
            }

            Deadline? inquiry = null;
            if (item.Inquiry is not null)
            {
                inquiry = ReadDeadline(force, item.Code, item.Inquiry);
            }

            if (choices.Any(c => c.Code == item.Code))
            {
                throw ForcePackLoader.Fail(force, FileName, item.Code, $"{field}: duplicate code '{item.Code}'");
            }

            choices.Add(new DeskChoice(item.Code, item.Names, inquiry));
        }

        return choices;
    }

    private sealed class PackFile
    {
        public string? ReferencePrefix { get; set; }
        public StagesFile? Stages { get; set; }
        public string? SupervisorEscalationAfter { get; set; }
        public List<ChoiceFile>? Categories { get; set; }
        public List<ChoiceFile>? VisitorPurposes { get; set; }
    }

    private sealed class StagesFile
    {
        public string? Received { get; set; }
        public string? Assigned { get; set; }
        public string? UnderInquiry { get; set; }
    }

    private sealed class ChoiceFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
        public string? Inquiry { get; set; }
    }
}

/// <summary>Lets <c>force validate</c> check front-desk.json like the core files of the pack.</summary>
internal sealed class FrontDeskPackSection : IForcePackSection
{
    public void Check(ForcePack pack) => _ = new FrontDeskPack(pack);
}
