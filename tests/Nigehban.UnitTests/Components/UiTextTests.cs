using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Nigehban.Web.Components.Localization;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Components;

public sealed partial class UiTextTests
{
    private static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    [Theory]
    [InlineData("ur")]
    [InlineData("fr")]
    public void Translation_CoversEveryEnglishString(string language)
    {
        var english = Strings(CultureInfo.InvariantCulture);
        var translated = Strings(CultureInfo.GetCultureInfo(language));

        english.Keys.Except(translated.Keys).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ur")]
    [InlineData("fr")]
    [InlineData("rw")]
    public void Translation_UsesOnlyKeysAndPlaceholdersTheEnglishHas(string language)
    {
        var english = Strings(CultureInfo.InvariantCulture);
        var translated = Strings(CultureInfo.GetCultureInfo(language));

        translated.Keys.Except(english.Keys).ShouldBeEmpty();
        foreach (var (key, text) in translated)
        {
            // A placeholder the English lacks would throw a FormatException on the page.
            Placeholders(text).Except(Placeholders(english[key])).ShouldBeEmpty($"{language}: {key}");
        }
    }

    [Theory]
    [InlineData("punjab")]
    [InlineData("rwanda")]
    public void ForcePackLanguages_AreCulturesWithTheDeclaredDirection(string pack)
    {
        var force = ForcePackLoader.Load(pack == "punjab" ? PackFolders.Punjab : PackFolders.Rwanda);

        foreach (var language in force.Languages)
        {
            CultureInfo.GetCultureInfo(language.Code).TextInfo.IsRightToLeft.ShouldBe(language.RightToLeft, language.Code);
        }
    }

    [Theory]
    [InlineData("/stations?district=LHR&culture=ur", "/culture/en?returnUrl=%2Fstations%3Fdistrict%3DLHR")]
    [InlineData("//evil.example/", "/culture/en?returnUrl=%2F")]
    [InlineData("https://evil.example/", "/culture/en?returnUrl=%2F")]
    public void SwitchUrl_ReturnsToLocalPageWithoutCultureOverride(string returnUrl, string expected) =>
        ForceLocalization.SwitchUrl("en", returnUrl).ShouldBe(expected);

    private static Dictionary<string, string> Strings(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
