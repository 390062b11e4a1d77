using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// One applicant detail a force asks for besides name and national ID (<c>applicantFields</c> in
/// services.json): whether it is required and its label in the pack's languages. A force that
/// tells people apart by a parent's name asks for <c>parentName</c>; one that does not, does not.
/// </summary>
public sealed record ApplicantField(string Field, bool Required, IReadOnlyDictionary<string, string> Labels)
{
    public const string ParentName = "parentName";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Address = "address";

    private static readonly string[] Known = [ParentName, Phone, Email, Address];

    /// <summary>The pack's label in <paramref name="language"/>, or null to use the platform's own wording.</summary>
    public string? LabelIn(string language) => Labels.Count == 0 ? null : ServiceDefinition.Localised(Labels, language);

    /// <summary>Without <c>applicantFields</c> a force asks for contact details only, all optional.</summary>
    internal static IReadOnlyList<ApplicantField> Read(ForcePack force, string fileName, List<FieldFile>? fields)
    {
        if (fields is null)
        {
            return [new(Phone, false, Empty), new(Email, false, Empty), new(Address, false, Empty)];
        }

        var result = new List<ApplicantField>();
        foreach (var f in fields)
        {
            if (!Known.Contains(f.Field, StringComparer.Ordinal) || result.Any(r => r.Field == f.Field))
            {
                throw ForcePackLoader.Fail(force, fileName, f.Field ?? "applicantFields",
                    $"applicantFields: '{f.Field}' must be one of {string.Join(", ", Known)}, each at most once");
            }

            var unknownLanguage = f.Labels?.Keys.FirstOrDefault(l => force.FindLanguage(l) is null);
            if (unknownLanguage is not null)
            {
                throw ForcePackLoader.Fail(force, fileName, f.Field!, $"applicantFields: label language '{unknownLanguage}' of '{f.Field}' is not one of the pack's languages");
            }

            result.Add(new ApplicantField(f.Field!, f.Required, f.Labels is null ? Empty : new Dictionary<string, string>(f.Labels, StringComparer.OrdinalIgnoreCase)));
        }

        return result;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    internal sealed class FieldFile
    {
        public string? Field { get; set; }
        public bool Required { get; set; }
        public Dictionary<string, string>? Labels { get; set; }
    }
}
