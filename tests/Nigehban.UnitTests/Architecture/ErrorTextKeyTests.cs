using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Nigehban.Web.Platform.Api;
using Shouldly;

namespace Nigehban.UnitTests.Architecture;

/// <summary>
/// A refusal's sentence is looked up by key while the request runs (ADR-040): a key that is not in
/// its family would turn a 400 into a 500. Every key the code names must be in the English file of
/// the family it names (the other languages are held to the English by ResourceCompletenessTests).
/// </summary>
public sealed partial class ErrorTextKeyTests
{
    [Fact]
    public void EveryErrorTextKeyTheCodeUses_IsInItsFamily()
    {
        var uses = KeysUsedInCode().ToList();
        // Guards the scan: without hits the test would pass on nothing.
        uses.ShouldContain(u => u.Family == "ServiceCentreErrors" && u.Key == "Applicant.NationalId");
        uses.ShouldContain(u => u.Family == "ApiErrors" && u.Key == "Address.NothingHere");

        var missing = uses
            .Where(u => Resources(u.Family).GetString(u.Key, CultureInfo.InvariantCulture) is null)
            .Select(u => $"{u.File}: {u.Family} has no '{u.Key}'")
            .ToList();

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void TheMessagesDataAnnotationsReadByName_AreThereInEveryLanguage()
    {
        var properties = ErrorFamilies().SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => p.PropertyType == typeof(string)).ToList();
        properties.ShouldNotBeEmpty();

        foreach (var culture in new[] { "en", "ur", "rw", "fr" })
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                properties.ShouldAllBe(p => !string.IsNullOrWhiteSpace((string?)p.GetValue(null)));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    private static IEnumerable<Type> ErrorFamilies() =>
        typeof(ApiErrors).Assembly.GetTypes().Where(t => t.Name.EndsWith("Errors", StringComparison.Ordinal)
            && t.GetMethod("Text", BindingFlags.Public | BindingFlags.Static) is not null);

    private static ResourceManager Resources(string family) =>
        new(ErrorFamilies().Single(t => t.Name == family));

    private static IEnumerable<(string File, string Family, string Key)> KeysUsedInCode()
    {
        var app = Path.Combine(RepositoryRoot(), "src", "Nigehban.Web");
        foreach (var file in Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
        {
            foreach (Match use in KeyUse().Matches(File.ReadAllText(file)))
            {
                yield return (Path.GetRelativePath(app, file), use.Groups["family"].Value, use.Groups["key"].Value);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Nigehban.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Nigehban.slnx) is not above the test's folder.");
    }

    /// <summary><c>ServiceCentreErrors.Text("Key", …)</c>, <c>ApiErrors.In(httpContext, "Key", …)</c>, <c>Texts.In(culture, "Key")</c> in ApiErrors' own handler.</summary>
    [GeneratedRegex(@"\b(?<family>[A-Z]\w*Errors)\.(?:Text|In)\((?:[\w.]+,\s*)?""(?<key>[^""]+)""")]
    private static partial Regex KeyUse();
}
