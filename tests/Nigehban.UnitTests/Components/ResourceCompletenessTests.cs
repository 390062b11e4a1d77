using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Nigehban.Web.Components.Localization;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Components;

/// <summary>
/// Every resource family of the app (every <c>.resx</c> compiled into it) must speak every language
/// a shipped force pack declares: a missing string would show in English to a Rwandan or Urdu reader.
/// The families and the languages are discovered, so a new page's resources or a new pack's language
/// is checked without touching this test.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    /// <summary>The untagged <c>.resx</c> of each family is English: it needs no satellite.</summary>
    private const string NeutralLanguage = "en";

    public static TheoryData<string> Families()
    {
        var data = new TheoryData<string>();
        foreach (var family in FamilyNames())
        {
            data.Add(family);
        }

        return data;
    }

    [Fact]
    public void TheAppHasResourceFamiliesAndThePacksDeclareLanguages()
    {
        // Guards the discovery below: an empty list would make every other test here pass vacuously.
        FamilyNames().ShouldContain(typeof(UiText).FullName!);
        FamilyNames().Count.ShouldBeGreaterThan(1);
        DeclaredLanguages().ShouldContain("ur");
        DeclaredLanguages().ShouldContain("rw");
        DeclaredLanguages().ShouldContain("fr");
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Family_HasEveryStringInEveryDeclaredLanguage(string family)
    {
        var english = Strings(family, CultureInfo.InvariantCulture);
        english.ShouldNotBeEmpty(family);

        var missing = new List<string>();
        foreach (var language in DeclaredLanguages().Where(l => l != NeutralLanguage))
        {
            var translated = Strings(family, CultureInfo.GetCultureInfo(language));
            missing.AddRange(english.Keys
                .Where(key => !translated.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
                .Select(key => $"{language}: {key}"));
        }

        missing.ShouldBeEmpty($"{family} lacks these strings");
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Family_KeepsTheEnglishKeysAndPlaceholdersInEveryLanguage(string family)
    {
        var english = Strings(family, CultureInfo.InvariantCulture);

        var mismatches = new List<string>();
        foreach (var language in DeclaredLanguages().Where(l => l != NeutralLanguage))
        {
            foreach (var (key, text) in Strings(family, CultureInfo.GetCultureInfo(language)))
            {
                if (!english.TryGetValue(key, out var source))
                {
                    mismatches.Add($"{language}: {key} is not an English key");
                }
                else if (!Placeholders(text).SetEquals(Placeholders(source)))
                {
                    // A placeholder the English lacks throws on the page; one it drops loses a value.
                    mismatches.Add($"{language}: {key} has placeholders [{string.Join(" ", Placeholders(text))}], English has [{string.Join(" ", Placeholders(source))}]");
                }
            }
        }

        mismatches.ShouldBeEmpty(family);
    }

    private static List<string> FamilyNames() =>
        [.. typeof(UiText).Assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".resources", StringComparison.Ordinal))
            .Select(name => name[..^".resources".Length])
            .Order(StringComparer.Ordinal)];

    private static List<string> DeclaredLanguages() =>
        [.. Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "forces"))
            .Where(folder => File.Exists(Path.Combine(folder, "force.json")))
            .SelectMany(folder => ForcePackLoader.Load(folder).Languages)
            .Select(language => language.Code)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    private static Dictionary<string, string> Strings(string family, CultureInfo culture)
    {
        var set = new ResourceManager(family, typeof(UiText).Assembly)
            .GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null
            ? []
            : set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    /// <summary>Numbered (<c>{0}</c>, <c>{1:N0}</c>) and named (MudBlazor's <c>{first_item}</c>) placeholders.</summary>
    [GeneratedRegex(@"\{[A-Za-z0-9_]+(?::[^{}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
