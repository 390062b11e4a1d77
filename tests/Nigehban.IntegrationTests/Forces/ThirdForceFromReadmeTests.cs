using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Forces;

/// <summary>
/// A force a stranger writes from the documentation alone (issue 15, item 5): the pack is the
/// examples of <c>forces/README.md</c>, copied out of the page as they stand. It starts, takes an
/// application, and the application counts on its dashboard.
/// </summary>
public abstract partial class ThirdForceFromReadmeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task PackWrittenFromTheReadme_Starts_TakesAnApplication_AndShowsItOnItsDashboard()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nigehban-third-force", Guid.NewGuid().ToString("N"));
        try
        {
            WritePackFromReadme(folder);
            await using var app = await ConfiguredApp.StartAsync(Provider, folder);

            var response = await app.CreateClient().PostAsJsonAsync("/api/v1/service-requests", new
            {
                serviceCode = "police-clearance",
                unit = "NRB-01",
                language = "sw",
                applicant = new { nationalId = "12345678", name = "Test Applicant", phone = "+254700000111", parentName = "Test Parent" },
            }, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
            JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!.ShouldStartWith("EXP-NRB-");

            var ig = await app.SignInAsync("ig");
            var summary = await ig.GetFromJsonAsync<JsonElement>("/api/v1/dashboard/summary?unit=EX", Ct);
            summary.GetProperty("metrics").GetProperty("service_requests_received").GetDouble().ShouldBe(1);
            summary.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("unit").GetString()).ShouldBe(["NRB", "MSA"], ignoreOrder: true);
        }
        finally
        {
            TestDirectory.DeleteQuietly(folder);
        }
    }

    /// <summary>Each file is the first code block under the README heading that names it.</summary>
    private static void WritePackFromReadme(string folder)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "forces", "README.md"));
        Directory.CreateDirectory(folder);
        var blocks = CodeBlock().Matches(readme);
        File.WriteAllText(Path.Combine(folder, "force.json"), BlockAfter(readme, blocks, "### `force.json`"));
        File.WriteAllText(Path.Combine(folder, "services.json"), BlockAfter(readme, blocks, "### `services.json`"));
        var unitsAndCalendar = readme.IndexOf("### `units.csv` and `calendar.json`", StringComparison.Ordinal);
        var two = blocks.Where(b => b.Index > unitsAndCalendar).Take(2).ToList();
        File.WriteAllText(Path.Combine(folder, "units.csv"), two[0].Groups["body"].Value);
        File.WriteAllText(Path.Combine(folder, "calendar.json"), two[1].Groups["body"].Value);
    }

    private static string BlockAfter(string readme, MatchCollection blocks, string heading)
    {
        var at = readme.IndexOf(heading, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"forces/README.md has no heading {heading}");
        return blocks.First(b => b.Index > at).Groups["body"].Value;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nigehban.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Nigehban.slnx) is not above the test binaries");
    }

    [GeneratedRegex(@"^```[a-z]*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}

public sealed class ThirdForceFromReadmeTests_Sqlite : ThirdForceFromReadmeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ThirdForceFromReadmeTests_Postgres : ThirdForceFromReadmeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
