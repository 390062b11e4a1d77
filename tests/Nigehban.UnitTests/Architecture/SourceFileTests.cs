using System.Text.RegularExpressions;
using Shouldly;

namespace Nigehban.UnitTests.Architecture;

/// <summary>The layout rules read from the source files themselves (CONVENTIONS.md 1 and 4).</summary>
public sealed partial class SourceFileTests
{
    private const int MaxLines = 400;

    [Fact]
    public void Namespaces_MatchFolders()
    {
        var app = Path.Combine(RepositoryRoot, "src", "Nigehban.Web");
        // Program.cs holds the top-level statements, which have no namespace.
        var wrong = SourceFiles(app, "*.cs").Where(file => Path.GetFileName(file) != "Program.cs")
            .Select(file => (File: file, Declared: NamespaceDeclaration().Match(File.ReadAllText(file)).Groups[1].Value,
                Expected: string.Join('.', ["Nigehban.Web", .. Path.GetRelativePath(app, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar).Where(p => p != ".")])))
            .Where(f => f.Declared != f.Expected)
            .Select(f => $"{Path.GetRelativePath(RepositoryRoot, f.File)}: namespace '{f.Declared}', folder says '{f.Expected}'")
            .ToList();

        wrong.ShouldBeEmpty(string.Join("\n", wrong));
    }

    [Fact]
    public void NoSourceFile_IsOver400Lines()
    {
        // Generated migrations and vendored files (axe-core, minified) excepted: nobody edits them by hand.
        var tooLong = new[] { "src", "tests", "bench" }
            .SelectMany(folder => new[] { "*.cs", "*.razor", "*.css", "*.js" }.SelectMany(pattern => SourceFiles(Path.Combine(RepositoryRoot, folder), pattern)))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}Nigehban.Migrations.", StringComparison.Ordinal)
                && !file.EndsWith(".min.js", StringComparison.Ordinal) && !file.EndsWith(".min.css", StringComparison.Ordinal))
            .Select(file => (File: file, Lines: File.ReadLines(file).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{Path.GetRelativePath(RepositoryRoot, f.File)}: {f.Lines} lines")
            .ToList();

        tooLong.ShouldBeEmpty(string.Join("\n", tooLong));
    }

    [Fact]
    public void TheRulesSeeTheSources() =>
        SourceFiles(Path.Combine(RepositoryRoot, "src", "Nigehban.Web"), "*.razor").Count().ShouldBeGreaterThan(10);

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
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

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
