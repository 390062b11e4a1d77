using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nigehban.Web.Platform.Forces;
using Shouldly;

namespace Nigehban.UnitTests.Forces;

/// <summary>
/// Nothing of one force is compiled in (issue 15): no string in the built app, in its resources of
/// any language, or in its shared static files names the Punjab pack's code, name, currency, ID
/// name, reference prefix, signature, or any of its regions and districts (by name or code).
/// </summary>
public sealed class NoForceInCodeTests
{
    [Fact]
    public void BuiltCodeAndSharedResources_HoldNoWordOfThePunjabPack()
    {
        var words = PackWords(PackFolders.Punjab);
        words.Count.ShouldBeGreaterThan(50); // the pack was read: names and codes of 52 units and more

        var scanned = BuiltStrings().ToList();
        // The scan reaches compiled page markup, code literals and translated resources.
        scanned.ShouldContain(s => s.Text == "autocapitalize"); // an attribute of the tracking page
        scanned.ShouldContain(s => s.Text.Contains("Idempotency-Key", StringComparison.Ordinal));
        scanned.ShouldContain(s => s.Where.Contains("ServiceRequestMessages", StringComparison.Ordinal) && s.Text.Contains("{0}:", StringComparison.Ordinal));
        scanned.ShouldContain(s => s.Where.StartsWith("ur", StringComparison.Ordinal));

        var hits = new List<string>();
        foreach (var (where, text) in scanned)
        {
            foreach (var (word, pattern) in words)
            {
                if (pattern.IsMatch(text))
                {
                    hits.Add($"{where}: '{word}' in \"{Shorten(text)}\"");
                }
            }
        }

        hits.ShouldBeEmpty(string.Join(Environment.NewLine, hits.Distinct().Take(40)));
    }

    [Fact]
    public void TheScan_FindsAPackWord_WhenOneIsThere()
    {
        var words = PackWords(PackFolders.Punjab);

        words.Any(w => w.Pattern.IsMatch("Welcome to Lahore")).ShouldBeTrue();
        words.Any(w => w.Pattern.IsMatch("ref PKM-LHR-26")).ShouldBeTrue();
        words.Any(w => w.Pattern.IsMatch("Enter your national ID")).ShouldBeFalse();
    }

    /// <summary>The pack's own words, each as a whole-word pattern: names in any case, codes as written.</summary>
    private static List<(string Word, Regex Pattern)> PackWords(string folder)
    {
        var pack = ForcePackLoader.Load(folder);
        var names = new List<string> { pack.Code, pack.Name, pack.NationalId.Name };
        names.AddRange(pack.MessageSignature.Values);
        names.AddRange(pack.NationalId.Names.Values);
        var codes = new List<string> { pack.Currency };
        // Every module file that numbers citizen items names its own prefix.
        foreach (var moduleFile in new[] { "services.json", "front-desk.json" })
        {
            using var module = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, moduleFile)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (module.RootElement.TryGetProperty("referencePrefix", out var prefix))
            {
                codes.Add(prefix.GetString()!);
            }
        }

        var districtDepth = pack.UnitKinds.ToList().IndexOf(pack.ReferenceUnitKind);
        foreach (var unit in pack.Units.Where(u => pack.UnitKinds.ToList().IndexOf(u.Kind) <= districtDepth))
        {
            // "Lahore (Capital City Police)" and "Sheikhupura Region" name the place before any bracket or kind word.
            names.Add(unit.Name.Split('(')[0].Replace(" Region", "", StringComparison.Ordinal).Trim());
            codes.Add(unit.Code);
            if (unit.ShortCode is not null)
            {
                codes.Add(unit.ShortCode);
            }
        }

        return [
            .. names.Where(n => n.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(n => (n, new Regex($@"(?<![\p{{L}}\d]){Regex.Escape(n)}(?![\p{{L}}\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))),
            .. codes.Where(c => c.Length >= 2).Distinct(StringComparer.Ordinal)
                .Select(c => (c, new Regex($@"(?<![A-Za-z\d]){Regex.Escape(c)}(?![A-Za-z\d])", RegexOptions.CultureInvariant))),
        ];
    }

    /// <summary>Every string literal of the app assembly, every string of its resources in every language, and its static files.</summary>
    private static IEnumerable<(string Where, string Text)> BuiltStrings()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Nigehban.Web.dll");
        var assemblies = new[] { app }.Concat(Directory.GetFiles(AppContext.BaseDirectory, "Nigehban.Web.resources.dll", SearchOption.AllDirectories));
        foreach (var assembly in assemblies)
        {
            using var stream = File.OpenRead(assembly);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var name = Path.GetRelativePath(AppContext.BaseDirectory, assembly);
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            {
                yield return (name, metadata.GetUserString(handle));
            }

            foreach (var resourceHandle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(resourceHandle);
                var resourceName = metadata.GetString(resource.Name);
                if (!resourceName.EndsWith(".resources", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var text in ResourceStrings(pe, resource))
                {
                    yield return ($"{name}/{resourceName}", text);
                }
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Nigehban.Web", "wwwroot"), "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".css", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)))
        {
            yield return (Path.GetFileName(file), StripComments(File.ReadAllText(file)));
        }
    }

    private static List<string> ResourceStrings(PEReader pe, ManifestResource resource)
    {
        var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
        var length = reader.ReadInt32();
        using var data = new MemoryStream(reader.ReadBytes(length));
        using var resources = new ResourceReader(data);
        var texts = new List<string>();
        var entries = resources.GetEnumerator();
        while (entries.MoveNext())
        {
            if (entries.Value is string text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    /// <summary>Comments in stylesheets and scripts explain; only what is shipped as content is checked.</summary>
    private static string StripComments(string text) => Regex.Replace(text, @"/\*.*?\*/|^\s*//.*$", "", RegexOptions.Singleline | RegexOptions.Multiline);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nigehban.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Nigehban.slnx) is not above the test binaries");
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
