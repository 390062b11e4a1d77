using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>A complaint category or a visitor purpose of the pack: a code and its names per language.</summary>
public sealed record DeskChoice(string Code, IReadOnlyDictionary<string, string> Names, Deadline? Inquiry = null)
{
    public string NameIn(string language) => PackNames.In(Names, language);
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
        var reader = new PackFileReader(force, FileName);
        var file = reader.ReadOrDefault<PackFile>();
        ReferencePrefix = reader.ReferencePrefix(file.ReferencePrefix, DefaultReferencePrefix);

        var stages = file.Stages ?? new StagesFile();
        ReceivedDeadline = reader.ReadDeadline("received", stages.Received ?? "24h");
        AssignedDeadline = reader.ReadDeadline("assigned", stages.Assigned ?? "24h");
        InquiryDeadline = reader.ReadDeadline("underInquiry", stages.UnderInquiry ?? "10wd");
        SupervisorEscalationAfter = reader.ReadDeadline("supervisorEscalationAfter", file.SupervisorEscalationAfter ?? "24h");

        Categories = ReadChoices(reader, "categories", file.Categories, [new ChoiceFile { Code = "general", Names = new() { [force.DefaultLanguage] = "General" } }]);
        VisitorPurposes = ReadChoices(reader, "visitorPurposes", file.VisitorPurposes,
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

    private static List<DeskChoice> ReadChoices(PackFileReader reader, string field, List<ChoiceFile>? items, List<ChoiceFile> fallback) =>
        reader.Choices(field, items, fallback, item => (item.Code, item.Names),
            (item, code, names) => new DeskChoice(code, names, item.Inquiry is null ? null : reader.ReadDeadline(code, item.Inquiry)));

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
