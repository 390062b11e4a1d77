using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Features.Cases;

/// <summary>A crime head of the pack: what the dashboard counts FIRs by, with its names per language.</summary>
public sealed record CrimeHead(string Code, IReadOnlyDictionary<string, string> Names, int Rank)
{
    public string NameIn(string language) => PackNames.In(Names, language);
}

/// <summary>One offence of the pack's catalogue: a law's section, its title and the crime head it counts under.</summary>
public sealed record Offence(string Code, string Law, string Section, string Title, CrimeHead Head);

/// <summary>
/// The cases module's part of the force pack (<c>cases.json</c> and the offence catalogue it names):
/// the FIRs' reference prefix, the crime heads in order of seriousness, and the offences. A pack
/// without the file gets one head ("other") and no offences: FIRs cannot be registered until the
/// force writes its catalogue (ADR-047).
/// </summary>
public sealed class CasesPack
{
    public const string FileName = "cases.json";
    public const string DefaultReferencePrefix = "FIR";
    private const string FallbackHead = "other";

    private readonly Dictionary<string, Offence> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public CasesPack(ForcePack force)
    {
        var reader = new PackFileReader(force, FileName);
        var file = reader.ReadOrDefault<PackFile>();
        ReferencePrefix = reader.ReferencePrefix(file.ReferencePrefix, DefaultReferencePrefix);
        CrimeHeads = reader.Choices("crimeHeads", file.CrimeHeads, [new HeadFile { Code = FallbackHead, Names = new() { [force.DefaultLanguage] = "Other" } }],
            head => (head.Code, head.Names), (_, code, names) => (code, names))
            .Select((head, rank) => new CrimeHead(head.code, head.names, rank)).ToList();
        if (file.Offences is { } offencesFile)
        {
            ReadOffences(force, offencesFile);
        }

        Offences = [.. _byCode.Values];
        var investigation = file.Investigation ?? new InvestigationFile();
        CustodyLimit = reader.ReadDeadline("investigation.custodyLimit", investigation.CustodyLimit ?? "24h");
        if (CustodyLimit.Unit != DeadlineUnit.Hours)
        {
            throw reader.Fail("investigation.custodyLimit", "investigation.custodyLimit is a limit in hours, such as '24h'");
        }

        SupervisorEscalationAfter = reader.ReadDeadline("investigation.supervisorEscalationAfter", investigation.SupervisorEscalationAfter ?? "72h");
        foreach (var (stage, text) in investigation.StageDeadlines ?? [])
        {
            if (!Enum.TryParse<FirStatus>(stage, ignoreCase: true, out var status) || !OpenStages.Contains(status))
            {
                throw reader.Fail("investigation.stageDeadlines",
                    $"investigation.stageDeadlines: '{stage}' is not a stage the police work in (underInvestigation, challanSubmitted, untraced)");
            }

            _stageDeadlines[status] = reader.ReadDeadline($"investigation.stageDeadlines.{stage}", text);
        }
    }

    /// <summary>The stages a deadline may be given to; the others are final.</summary>
    public static IReadOnlyList<FirStatus> OpenStages { get; } = [FirStatus.UnderInvestigation, FirStatus.ChallanSubmitted, FirStatus.Untraced];

    /// <summary>How long an arrested person may be held before production in court (hours).</summary>
    public Deadline CustodyLimit { get; }

    /// <summary>How long after the SHO's alert an overdue stage goes to the supervising unit's in-charge.</summary>
    public Deadline SupervisorEscalationAfter { get; }

    /// <summary>The pack's deadline for a stage, or null when the stage runs without a clock.</summary>
    public Deadline? DeadlineOf(FirStatus stage) => _stageDeadlines.GetValueOrDefault(stage);

    private readonly Dictionary<FirStatus, Deadline> _stageDeadlines = [];

    /// <summary>The kind part of the reference of an FIR registered without a complaint.</summary>
    public string ReferencePrefix { get; }

    /// <summary>The heads, most serious first: an FIR counts under the first head among its offences.</summary>
    public IReadOnlyList<CrimeHead> CrimeHeads { get; }

    public IReadOnlyList<Offence> Offences { get; }

    public Offence? Offence(string? code) =>
        code is null ? null : _byCode.GetValueOrDefault(string.Join(' ', code.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    public CrimeHead? Head(string? code) => CrimeHeads.FirstOrDefault(h => string.Equals(h.Code, code, StringComparison.Ordinal));

    /// <summary>The head an FIR with these offences counts under: the most serious of theirs.</summary>
    public CrimeHead PrincipalHead(IEnumerable<Offence> offences) => offences.Select(o => o.Head).MinBy(h => h.Rank) ?? CrimeHeads[^1];

    private void ReadOffences(ForcePack force, string fileName)
    {
        var path = Path.Combine(force.Folder, fileName);
        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || !File.Exists(path))
        {
            throw ForcePackLoader.Fail(force, FileName, "offences", $"offences: '{fileName}' is not a file beside {FileName}");
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || SimpleCsv.Split(lines[0], path, 1) is not ["code", "law", "section", "title", "crime_head"])
        {
            throw new ForcePackException(path, 1, "the header must be: code,law,section,title,crime_head");
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = SimpleCsv.Split(lines[i], path, i + 1);
            if (cells.Count != 5 || cells.Take(4).Any(string.IsNullOrWhiteSpace) || cells[0].Length > 40 || cells[3].Length > 300)
            {
                throw new ForcePackException(path, i + 1, "every line needs code (at most 40), law, section, title (at most 300) and crime_head");
            }

            var head = Head(cells[4]) ?? throw new ForcePackException(path, i + 1, $"crime_head '{cells[4]}' is not a head of {FileName}");
            var code = string.Join(' ', cells[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!_byCode.TryAdd(code, new Offence(code, cells[1].Trim(), cells[2].Trim(), cells[3].Trim(), head)))
            {
                throw new ForcePackException(path, i + 1, $"duplicate offence code '{code}'");
            }
        }
    }

    private sealed class PackFile
    {
        public string? ReferencePrefix { get; set; }
        public string? Offences { get; set; }
        public List<HeadFile>? CrimeHeads { get; set; }
        public InvestigationFile? Investigation { get; set; }
    }

    private sealed class InvestigationFile
    {
        public Dictionary<string, string>? StageDeadlines { get; set; }
        public string? CustodyLimit { get; set; }
        public string? SupervisorEscalationAfter { get; set; }
    }

    private sealed class HeadFile
    {
        public string Code { get; set; } = "";
        public Dictionary<string, string>? Names { get; set; }
    }
}

/// <summary>Lets <c>force validate</c> check cases.json and its offence catalogue.</summary>
internal sealed class CasesPackSection : IForcePackSection
{
    public void Check(ForcePack pack) => _ = new CasesPack(pack);
}
