using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Web.Platform.Forces;

/// <summary>
/// Reads a module's own file of the pack (<c>front-desk.json</c>, <c>cases.json</c> …) with the rules
/// every such file shares: codes, names per declared language, deadlines, a reference prefix. Each
/// mistake is named by file and field, the way <c>force validate</c> reports the core files.
/// </summary>
public sealed class PackFileReader(ForcePack force, string fileName)
{
    /// <summary>The longest code a pack may give a choice (a category, a crime head, a purpose).</summary>
    public const int MaxCodeLength = 40;

    /// <summary>A pack code: lower-case ASCII letters, digits and hyphens, at most <paramref name="maxLength"/>.</summary>
    public static bool IsCode(string? code, int maxLength = MaxCodeLength) =>
        !string.IsNullOrEmpty(code) && code.Length <= maxLength && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The file's settings, or <typeparamref name="T"/>'s defaults when the pack has no such file.</summary>
    public T ReadOrDefault<T>() where T : new() =>
        File.Exists(Path.Combine(force.Folder, fileName)) ? ForcePackLoader.ReadSection<T>(force, fileName) : new T();

    public ForcePackException Fail(string token, string message) => ForcePackLoader.Fail(force, fileName, token, message);

    /// <summary>The kind part of a module's references (<c>referencePrefix</c>), or <paramref name="fallback"/>.</summary>
    public string ReferencePrefix(string? value, string fallback)
    {
        var prefix = value ?? fallback;
        return ReferenceNumber.IsKindCode(prefix)
            ? prefix
            : throw Fail("referencePrefix", $"referencePrefix '{prefix}' must be 2-5 capital letters");
    }

    public Deadline ReadDeadline(string field, string text) =>
        Deadline.TryParse(text, out var deadline)
            ? deadline
            : throw Fail(field, $"{field}: '{text}' must look like '24h' or '5wd'");

    /// <summary>
    /// A list of coded choices with names per language: every code well-formed and unique, every entry
    /// named in the default language and only in languages force.json declares. An empty or missing
    /// list reads as <paramref name="fallback"/>.
    /// </summary>
    public List<TChoice> Choices<TEntry, TChoice>(
        string field, List<TEntry>? entries, List<TEntry> fallback,
        Func<TEntry, (string? Code, Dictionary<string, string>? Names)> parts,
        Func<TEntry, string, IReadOnlyDictionary<string, string>, TChoice> choice)
    {
        var choices = new List<TChoice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries is { Count: > 0 } ? entries : fallback)
        {
            var (code, names) = parts(entry);
            if (!IsCode(code))
            {
                throw Fail(code ?? field, $"{field}: every entry needs a code of lower-case letters, digits and hyphens (at most {MaxCodeLength})");
            }

            if (names is null || !names.ContainsKey(force.DefaultLanguage))
            {
                throw Fail(code!, $"{field}: '{code}' needs a name in the default language '{force.DefaultLanguage}'");
            }

            if (names.Keys.FirstOrDefault(l => force.FindLanguage(l) is null) is { } unknown)
            {
                throw Fail(code!, $"{field}: '{code}' has a name in '{unknown}', which force.json does not declare");
            }

            if (!seen.Add(code!))
            {
                throw Fail(code!, $"{field}: duplicate code '{code}'");
            }

            choices.Add(choice(entry, code!, names));
        }

        return choices;
    }
}

/// <summary>The name of a coded choice for a language: that language's, else English, else any.</summary>
public static class PackNames
{
    public static string In(IReadOnlyDictionary<string, string> names, string language) =>
        names.TryGetValue(language, out var name) ? name
        : names.TryGetValue("en", out var english) ? english
        : names.Values.First();
}
